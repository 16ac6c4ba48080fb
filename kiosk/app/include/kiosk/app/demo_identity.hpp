#pragma once
// A fictional client's ID barcode, for the tour and the demo: the kiosk can walk every screen
// without a real card, and no real person's data is ever needed to show it.

#include <chrono>
#include <cstdint>
#include <vector>

namespace kiosk {

// An AAMVA version 10 Quebec driver's licence payload for "Élodie Marie Tremblay", valid for
// three years from `today`, with an accented name to show French rendering.
std::vector<std::uint8_t> demo_licence_payload(std::chrono::year_month_day today);

// The same for a fictional agent, "Gabriel Okafor" of Ontario, for the assisted session's tour.
std::vector<std::uint8_t> demo_agent_licence_payload(std::chrono::year_month_day today);

}  // namespace kiosk
