#pragma once
// Everything a person reads exists in English and French; a string pair travels as one value
// so that neither language can be forgotten at a call site.

#include <optional>
#include <string>
#include <string_view>

namespace kiosk {

enum class Language { English, French };

struct Bilingual {
  std::string_view en;
  std::string_view fr;

  constexpr std::string_view in(Language language) const { return language == Language::French ? fr : en; }
};

// A message built at run time (it names a file, a reason from a lower layer): it owns its text,
// where Bilingual only views constants.
struct BilingualText {
  std::string en;
  std::string fr;

  BilingualText() = default;
  BilingualText(std::string english, std::string french) : en(std::move(english)), fr(std::move(french)) {}
  BilingualText(Bilingual text) : en(text.en), fr(text.fr) {}  // NOLINT: every constant message is one

  std::string_view in(Language language) const { return language == Language::French ? fr : en; }
};

constexpr std::string_view language_code(Language language) {
  return language == Language::French ? "fr" : "en";
}

std::optional<Language> language_from_code(std::string_view code);

}  // namespace kiosk
