#pragma once
// Reading protocol JSON: a field that is missing or of the wrong kind throws Invalid, which each
// parser catches once at its edge and turns into a ParseError value.

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "kiosk/protocol/messages.hpp"
#include "kiosk/seal/keys.hpp"

namespace kiosk::protocol::detail {

using nlohmann::json;

struct Invalid {
  ParseErrc code;
  std::string field;
};

inline const json& need(const json& node, const char* key) {
  if (!node.is_object()) throw Invalid{ParseErrc::BadValue, key};
  auto it = node.find(key);
  if (it == node.end()) throw Invalid{ParseErrc::MissingField, key};
  return *it;
}

inline const std::string& need_string(const json& node, const char* key) {
  const json& value = need(node, key);
  if (!value.is_string()) throw Invalid{ParseErrc::BadValue, key};
  return value.get_ref<const std::string&>();
}

template <std::size_t N>
std::array<unsigned char, N> need_hex(const json& node, const char* key) {
  auto bytes = seal::array_from_hex<N>(need_string(node, key));
  if (!bytes) throw Invalid{ParseErrc::BadValue, key};
  return *bytes;
}

inline std::vector<unsigned char> need_base64url(const json& node, const char* key) {
  auto bytes = seal::from_base64url(need_string(node, key));
  if (!bytes) throw Invalid{ParseErrc::BadValue, key};
  return std::move(*bytes);
}

template <class T, class Read>
Parsed<T> parse_json(std::string_view body, Read read) {
  if (body.size() > kMaxBodyBytes) return fail(ParseError{ParseErrc::TooLarge, "body"});
  const json root = json::parse(body, nullptr, false);
  if (root.is_discarded()) return fail(ParseError{ParseErrc::NotJson, ""});
  try {
    return read(root);
  } catch (const Invalid& invalid) {
    return fail(ParseError{invalid.code, invalid.field});
  } catch (const json::exception&) {
    return fail(ParseError{ParseErrc::BadValue, "json"});
  }
}

inline std::string dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace kiosk::protocol::detail
