#pragma once
// Where demo-load's clients come from: AAMVA payload files, or invented people from a seed.

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/core/expected.hpp"

namespace kiosk::ctl {

// Invented people, the same for the same seed.
std::vector<consent::ClientIdentity> synthetic_identities(std::uint64_t seed, std::size_t count);

// One identity per payload file in `folder` that the AAMVA parser accepts (sorted by name;
// *.json and refused payloads are skipped). Error: the folder is unreadable or has no payload.
Expected<std::vector<consent::ClientIdentity>, std::string> payload_identities(
    const std::filesystem::path& folder, std::chrono::year_month_day today);

}  // namespace kiosk::ctl
