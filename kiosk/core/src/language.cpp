#include "kiosk/core/language.hpp"

namespace kiosk {

std::optional<Language> language_from_code(std::string_view code) {
  if (code == "en") return Language::English;
  if (code == "fr") return Language::French;
  return std::nullopt;
}

}  // namespace kiosk
