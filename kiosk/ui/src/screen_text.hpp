#pragma once
// The screens' words. They live in assets/strings/kiosk-text.toml, grouped by area; the screens
// name them text::key whichever area holds them (the build fails on a name the table lacks).

#include <string>

#include "kiosk/text/kiosk_text.hpp"

namespace kiosk::ui::text {

using namespace ::kiosk::text::client;
using namespace ::kiosk::text::client_rights;
using namespace ::kiosk::text::assisted;
using namespace ::kiosk::text::staff;

// The assisted strip's way to the access request step reads as the step's title.
inline constexpr Bilingual access_button = access_title;

// A title read before anyone chose a language: "Welcome · Bienvenue".
inline std::string in_both(Bilingual text) {
  return std::string(text.en) + " · " + std::string(text.fr);
}

}  // namespace kiosk::ui::text
