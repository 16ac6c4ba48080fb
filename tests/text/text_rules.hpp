#pragma once
// The rules the kiosk's words follow, as functions the table test and the source check share.

#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::text_rules {

inline constexpr std::string_view kNbsp = "\u00a0";
inline constexpr std::string_view kNarrowNbsp = "\u202f";

// "%lld", "%5.1f", "%s", ... in order; "%%" is a percent sign, not a conversion.
inline std::vector<std::string> printf_conversions(std::string_view text) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') continue;
    std::size_t j = i + 1;
    if (j < text.size() && text[j] == '%') {
      i = j;
      continue;
    }
    while (j < text.size() &&
           std::string_view("-+ #0123456789.*hljztL").find(text[j]) != std::string_view::npos)
      ++j;
    out.emplace_back(text.substr(i, j + 1 - i));
    i = j;
  }
  return out;
}

inline bool ends_with_no_break_space(std::string_view before) {
  return before.ends_with(kNbsp) || before.ends_with(kNarrowNbsp);
}

inline bool starts_with_no_break_space(std::string_view after) {
  return after.starts_with(kNbsp) || after.starts_with(kNarrowNbsp);
}

// Two spaces of any kind in a row (a space, a no-break space, a narrow one): a slip of an edit,
// and a gap the reader sees.
inline bool has_doubled_space(std::string_view text) {
  auto space_at = [&](std::size_t i) -> std::size_t {
    if (text.substr(i).starts_with(' ')) return 1;
    if (text.substr(i).starts_with(kNbsp)) return std::string_view(kNbsp).size();
    if (text.substr(i).starts_with(kNarrowNbsp)) return std::string_view(kNarrowNbsp).size();
    return 0;
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    const std::size_t first = space_at(i);
    if (first != 0 && space_at(i + first) != 0) return true;
  }
  return false;
}

// Where `text` breaks French typography: no no-break space before ? ! : ; or inside « », or a
// straight apostrophe. A time (14:05), a URL and a printf conversion are not prose and are skipped.
inline std::vector<std::string> french_typography_faults(std::string_view text) {
  std::vector<std::string> faults;
  auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  std::size_t url_end = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i).starts_with("http://") || text.substr(i).starts_with("https://")) {
      url_end = text.find(' ', i);
      if (url_end == std::string_view::npos) url_end = text.size();
    }
    if (i < url_end) continue;
    const char c = text[i];
    const std::string_view before = text.substr(0, i);
    const std::string_view after = text.substr(i + 1);
    if (c == '\'') {
      faults.push_back("straight apostrophe at " + std::to_string(i) + " (use ’)");
    } else if (c == '?' || c == '!' || c == ':' || c == ';') {
      const bool time = c == ':' && i > 0 && is_digit(text[i - 1]) && !after.empty() && is_digit(after[0]);
      if (!time && !ends_with_no_break_space(before)) {
        faults.push_back(std::string("no no-break space before '") + c + "' at " + std::to_string(i));
      }
    } else if (text.substr(i).starts_with("«") && !starts_with_no_break_space(text.substr(i + 2))) {
      faults.push_back("no no-break space after « at " + std::to_string(i));
    } else if (text.substr(i).starts_with("»") && !ends_with_no_break_space(before)) {
      faults.push_back("no no-break space before » at " + std::to_string(i));
    }
  }
  return faults;
}

// Where `text` breaks English typography: a space before : ; ? ! or a straight apostrophe (the
// kiosk's words use ’, as its French does).
inline std::vector<std::string> english_typography_faults(std::string_view text) {
  std::vector<std::string> faults;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    const std::string_view before = text.substr(0, i);
    if (c == '\'') faults.push_back("straight apostrophe at " + std::to_string(i) + " (use ’)");
    const bool spaced = before.ends_with(' ') || ends_with_no_break_space(before);
    if ((c == '?' || c == '!' || c == ':' || c == ';') && spaced) {
      faults.push_back(std::string("a space before '") + c + "' at " + std::to_string(i));
    }
  }
  return faults;
}

struct Banned {
  std::string_view word;    // matched at the start of a word, ASCII letters in any case
  std::string_view unless;  // ...unless followed by this ("siège" is fine in "siège social")
  std::string_view use;     // the one word to use instead
  bool whole_word = false;  // "tech" must not find "technician"
};

// One word per thing. Stems catch their forms: "associé" finds associée and associés.
inline constexpr std::array kFrenchBanned{
    Banned{"associé", "", "conseiller"},
    Banned{"vendeu", "", "conseiller"},
    Banned{"préposé", "", "conseiller"},
    Banned{"agent commercial", "", "conseiller"},
    Banned{"membre du personnel", "", "conseiller"},
    Banned{"employé du magasin", "", "conseiller"},
    Banned{"scann", "", "balayer"},
    Banned{"numéris", "", "balayer"},
    Banned{"lisez une carte", "", "balayez une carte"},
    Banned{"kiosque", "", "borne"},
    Banned{"terminal", "", "borne"},
    Banned{"siège", " social", "siège social"},
    Banned{"bureau chef", "", "siège social"},
    Banned{"administration centrale", "", "siège social"},
    Banned{"agent", "", "mandataire"},
    Banned{"mot de passe", "", "NIP"},
};
inline constexpr std::array kEnglishBanned{
    Banned{"salesperson", "", "associate"},
    Banned{"sales rep", "", "associate"},
    Banned{"clerk", "", "associate"},
    Banned{"store employee", "", "associate"},
    Banned{"staff member", "", "associate"},
    Banned{"store agent", "", "associate"},
    Banned{"sales agent", "", "associate"},
    Banned{"agent of the store", "", "associate"},
    Banned{"swipe", "", "scan"},
    Banned{"terminal", "", "kiosk"},
    Banned{"headquarters", "", "head office"},
    Banned{"head-office", "", "head office"},
    Banned{"password", "", "PIN"},
    Banned{"tech", "", "technician", true},
};

inline std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

template <std::size_t N>
std::vector<std::string> banned_words(std::string_view text, const std::array<Banned, N>& banned) {
  const std::string lower = ascii_lower(text);
  // Words are runs of ASCII letters and UTF-8 letters' bytes.
  auto letter_at = [&](std::size_t at) {
    if (at >= lower.size()) return false;
    const auto c = static_cast<unsigned char>(lower[at]);
    return std::isalpha(c) != 0 || c >= 0x80;
  };
  std::vector<std::string> found;
  for (const Banned& b : banned) {
    const std::string word = ascii_lower(b.word);
    for (std::size_t at = lower.find(word); at != std::string::npos; at = lower.find(word, at + 1)) {
      if (at > 0 && letter_at(at - 1)) continue;
      if (b.whole_word && letter_at(at + word.size())) continue;
      if (!b.unless.empty() && lower.substr(at + word.size()).starts_with(b.unless)) continue;
      found.push_back(std::string(b.word) + " (say " + std::string(b.use) + ")");
    }
  }
  return found;
}

}  // namespace kiosk::text_rules
