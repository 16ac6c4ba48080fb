#include "kiosk/core/identity/issuer_names_fr.hpp"

#include <array>
#include <utility>

namespace kiosk::identity {

std::optional<std::string_view> issuer_name_fr(std::string_view issuer_code) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 20> names = {{
      {"BC", "Colombie-Britannique"},
      {"NB", "Nouveau-Brunswick"},
      {"NL", "Terre-Neuve-et-Labrador"},
      {"NS", "Nouvelle-Écosse"},
      {"NT", "Territoires du Nord-Ouest"},
      {"PE", "Île-du-Prince-Édouard"},
      {"QC", "Québec"},
      {"CA", "Californie"},
      {"FL", "Floride"},
      {"GA", "Géorgie"},
      {"LA", "Louisiane"},
      {"NC", "Caroline du Nord"},
      {"SC", "Caroline du Sud"},
      {"ND", "Dakota du Nord"},
      {"SD", "Dakota du Sud"},
      {"NM", "Nouveau-Mexique"},
      {"PA", "Pennsylvanie"},
      {"VA", "Virginie"},
      {"WV", "Virginie-Occidentale"},
      {"DC", "District de Columbia"},
  }};
  for (const auto& [code, name] : names) {
    if (code == issuer_code) return name;
  }
  return std::nullopt;
}

}  // namespace kiosk::identity
