#include "kiosk/core/identity/id_document.hpp"

#include <sodium.h>

#include <algorithm>

namespace kiosk::identity {

namespace {

template <class T>
void wipe_value(T& value) noexcept {
  static_assert(std::is_trivially_copyable_v<T>);
  sodium_memzero(&value, sizeof value);
}

}  // namespace

IdDocument::~IdDocument() {
  wipe();
}

void IdDocument::wipe() noexcept {
  for (std::string* text :
       {&issuer, &iin, &kind, &country, &family_name, &given_names, &name_suffix, &document_number}) {
    kiosk::wipe(*text);
  }
  for (auto& element : jurisdiction_elements) {
    kiosk::wipe(element.subfile);
    kiosk::wipe(element.id);
    kiosk::wipe(element.value);
  }
  jurisdiction_elements.clear();
  wipe_value(aamva_version);
  wipe_value(jurisdiction_version);
  wipe_value(date_of_birth);
  wipe_value(expiry_date);
  wipe_value(issue_date);
  wipe_value(expired);
  wipe_value(age);
  wipe_value(family_name_truncated);
  wipe_value(given_names_truncated);
}

std::string IdDocument::document_number_masked() const {
  // Counted in characters, not bytes, so that a number with a non-ASCII character is never cut
  // inside one.
  const auto is_continuation = [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; };
  const auto length = static_cast<std::size_t>(std::count_if(document_number.begin(), document_number.end(),
                                                             [&](char c) { return !is_continuation(c); }));
  std::size_t shown = std::min<std::size_t>(4, length > 3 ? length - 3 : 0);
  std::size_t start = document_number.size();
  while (shown > 0 && start > 0) {
    --start;
    if (!is_continuation(document_number[start])) --shown;
  }
  return "\u2026" + document_number.substr(start);
}

}  // namespace kiosk::identity
