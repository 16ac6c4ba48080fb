#pragma once
// Everything a person reads exists in English and French; a string pair travels as one value
// so that neither language can be forgotten at a call site.

#include <optional>
#include <string_view>

namespace kiosk {

enum class Language { English, French };

struct Bilingual {
  std::string_view en;
  std::string_view fr;

  constexpr std::string_view in(Language language) const { return language == Language::French ? fr : en; }
};

constexpr std::string_view language_code(Language language) {
  return language == Language::French ? "fr" : "en";
}

std::optional<Language> language_from_code(std::string_view code);

}  // namespace kiosk
