#pragma once
// A table text with printf conversions (%s, %d, ...), filled in. The string table's test holds en
// and fr to the same conversions in the same order, so one argument list fits both languages.

#include <cstdio>
#include <string>
#include <string_view>

#include "kiosk/core/language.hpp"

namespace kiosk {

// `format` comes from the string table (a view of a null-terminated constant); pass strings as
// c_str().
template <class... Args>
std::string format_text(std::string_view format, Args... args) {
  const int size = std::snprintf(nullptr, 0, format.data(), args...);
  if (size <= 0) return {};
  std::string out(static_cast<std::size_t>(size) + 1, '\0');
  std::snprintf(out.data(), out.size(), format.data(), args...);
  out.resize(static_cast<std::size_t>(size));
  return out;
}

template <class... Args>
BilingualText format_text(Bilingual format, Args... args) {
  return {format_text(format.en, args...), format_text(format.fr, args...)};
}

}  // namespace kiosk
