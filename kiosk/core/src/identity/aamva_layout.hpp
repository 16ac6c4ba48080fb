#pragma once
// The structure of an AAMVA payload, before any field is interpreted: where the header is, what
// it declares, where each subfile really starts, and its elements. Private to the parser.
//
// Every position comes from searching, not from trusting the header: real cards declare wrong
// offsets, and wedge scanners add, drop and double bytes.

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

#include "aamva_elements.hpp"
#include "kiosk/core/expected.hpp"
#include "kiosk/core/identity/aamva_error.hpp"

namespace kiosk::identity::detail {

struct AamvaSubfile {
  std::string_view type;  // "DL", "ID", "ZO"
  std::vector<AamvaElement> elements;

  // The first occurrence: later ones are a scanner's junk or a card's error.
  const AamvaElement* find(std::string_view id) const;
  bool is_identity() const { return type == "DL" || type == "ID"; }
};

struct AamvaLayout {
  std::string_view iin;
  int version = 0;
  std::optional<int> jurisdiction_version;
  std::vector<AamvaSubfile> subfiles;  // in payload order; at least one DL or ID

  const AamvaSubfile& identity_subfile() const;
};

Expected<AamvaLayout, AamvaError> read_aamva_layout(std::string_view payload);

}  // namespace kiosk::identity::detail
