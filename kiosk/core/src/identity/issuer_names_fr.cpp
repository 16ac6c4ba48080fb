#include "kiosk/core/identity/issuer_names_fr.hpp"

#include <algorithm>
#include <cctype>

#include "kiosk/text/kiosk_text.hpp"

namespace kiosk::identity {

std::optional<std::string_view> issuer_name_fr(std::string_view issuer_code) {
  // The table's keys are the codes in lower case ([issuer_name] in assets/strings/kiosk-text.toml).
  auto same_code = [&](std::string_view key) {
    return std::ranges::equal(key, issuer_code, [](char k, char c) {
      return k == static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    });
  };
  for (const auto& [code, name] : text::issuer_name::kAll) {
    if (same_code(code)) return name.fr;
  }
  return std::nullopt;
}

}  // namespace kiosk::identity
