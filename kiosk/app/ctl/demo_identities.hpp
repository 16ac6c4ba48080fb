#pragma once
// Where demo-load's clients come from: AAMVA payload files, or invented people from a seed.

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/core/expected.hpp"

namespace kiosk::ctl {

// Invented people, the same for the same seed.
std::vector<consent::ClientIdentity> synthetic_identities(std::uint64_t seed, std::size_t count);

// One identity per readable payload file in `folder` (sorted by name; *.json and files without
// the fields a consent needs are skipped). Error: the folder is unreadable or has no payload.
Expected<std::vector<consent::ClientIdentity>, std::string> payload_identities(const std::filesystem::path& folder);

// The few AAMVA elements a consent needs (issuer, number, names, birth date) from a raw payload;
// empty when any is missing. Only for demo data: the kiosk itself uses the full parser.
std::optional<consent::ClientIdentity> read_payload_identity(std::string_view payload);

}  // namespace kiosk::ctl
