#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/receipt/receipt_time.hpp"

#include <toml++/toml.h>
#include <algorithm>
#include <fstream>
#include <functional>
#include <optional>
#include <set>
#include <sstream>

namespace kiosk {
namespace {

// What a value must be. Each key is described once here: its type, whether it is required and
// how it lands in KioskConfig. Adding a key is one row.
struct KeySpec {
  std::string_view key;
  std::string_view expected;
  bool required;
  // Returns an empty string when the value was taken, else what was wrong with it.
  std::function<std::string(KioskConfig&, const toml::node&)> apply;
};

template <class T>
std::function<std::string(KioskConfig&, const toml::node&)> take(T KioskConfig::*field) {
  return [field](KioskConfig& config, const toml::node& node) -> std::string {
    auto value = node.value_exact<T>();
    if (!value) return "wrong-type";
    config.*field = *value;
    return {};
  };
}

std::function<std::string(KioskConfig&, const toml::node&)> take_range(std::int64_t KioskConfig::*field,
                                                                       std::int64_t low, std::int64_t high) {
  return [=](KioskConfig& config, const toml::node& node) -> std::string {
    auto value = node.value_exact<std::int64_t>();
    if (!value) return "wrong-type";
    if (*value < low || *value > high) return "out of range";
    config.*field = *value;
    return {};
  };
}

std::function<std::string(KioskConfig&, const toml::node&)> take_path(
    std::filesystem::path KioskConfig::*field) {
  return [field](KioskConfig& config, const toml::node& node) -> std::string {
    auto value = node.value_exact<std::string>();
    if (!value) return "wrong-type";
    if (value->empty()) return "empty";
    config.*field = *value;
    return {};
  };
}

// Rules that span keys: an enrolled kiosk names all of head office's files, and where it is.
std::optional<ConfigError> check_head_office(const KioskConfig& config, const std::string& file) {
  const int named = !config.head_office_certificate.empty() + !config.head_office_identity_key.empty() +
                    !config.head_office_box_key.empty();
  if (named != 0 && named != 3) {
    return ConfigError{
        ConfigErrc::MissingKey, file, "head_office",
        "head_office.certificate, identity_key and box_key together (an enrolled kiosk) or none", ""};
  }
  if (named == 3 && config.head_office_url.empty()) {
    return ConfigError{ConfigErrc::MissingKey, file, "head_office.url",
                       "an https:// URL for an enrolled kiosk", ""};
  }
  return std::nullopt;
}

const std::vector<KeySpec>& schema() {
  static const std::vector<KeySpec> keys = {
      {"kiosk.id", "a non-empty string naming this kiosk", true,
       [](KioskConfig& c, const toml::node& n) -> std::string {
         auto v = n.value_exact<std::string>();
         if (!v) return "wrong-type";
         if (v->empty()) return "empty";
         c.kiosk_id = *v;
         return {};
       }},
      {"kiosk.store_name", "a string", false, take(&KioskConfig::store_name)},
      {"kiosk.time_zone", "an IANA time zone name such as \"America/Toronto\", or \"UTC\"", false,
       [](KioskConfig& c, const toml::node& n) -> std::string {
         auto v = n.value_exact<std::string>();
         if (!v) return "wrong-type";
         if (!receipt::is_known_time_zone(*v)) return "not a time zone this system knows";
         c.time_zone = *v;
         return {};
       }},
      {"kiosk.default_language", "\"en\" or \"fr\"", false,
       [](KioskConfig& c, const toml::node& n) -> std::string {
         auto v = n.value_exact<std::string>();
         if (!v) return "wrong-type";
         auto language = language_from_code(*v);
         if (!language) return "not a supported language";
         c.default_language = *language;
         return {};
       }},
      {"kiosk.inactivity_timeout_seconds", "an integer from 10 to 600", false,
       take_range(&KioskConfig::inactivity_timeout_seconds, 10, 600)},
      {"storage.database", "a path to the SQLite file", true,
       [](KioskConfig& c, const toml::node& n) -> std::string {
         auto v = n.value_exact<std::string>();
         if (!v) return "wrong-type";
         if (v->empty()) return "empty";
         c.database = *v;
         return {};
       }},
      {"storage.retention_days", "an integer from 30 to 3650", false,
       take_range(&KioskConfig::retention_days, 30, 3650)},
      {"display.fullscreen", "true or false", false, take(&KioskConfig::fullscreen)},
      {"display.width", "an integer from 320 to 7680", false, take_range(&KioskConfig::width, 320, 7680)},
      {"display.height", "an integer from 240 to 4320", false, take_range(&KioskConfig::height, 240, 4320)},
      {"head_office.url", "an https:// URL string", false,
       [](KioskConfig& c, const toml::node& n) -> std::string {
         auto v = n.value_exact<std::string>();
         if (!v) return "wrong-type";
         if (!v->starts_with("https://")) return "not an https URL";
         c.head_office_url = *v;
         return {};
       }},
      {"head_office.certificate", "a path to head office's TLS certificate (PEM)", false,
       take_path(&KioskConfig::head_office_certificate)},
      {"head_office.identity_key", "a path to head office's identity key", false,
       take_path(&KioskConfig::head_office_identity_key)},
      {"head_office.box_key", "a path to head office's box key", false,
       take_path(&KioskConfig::head_office_box_key)},
      {"head_office.sync_interval_seconds", "an integer from 5 to 3600", false,
       take_range(&KioskConfig::sync_interval_seconds, 5, 3600)},
      {"head_office.connect_timeout_ms", "an integer from 100 to 60000", false,
       take_range(&KioskConfig::connect_timeout_ms, 100, 60000)},
      {"head_office.request_timeout_seconds", "an integer from 1 to 600", false,
       take_range(&KioskConfig::request_timeout_seconds, 1, 600)},
      {"head_office.lookup_timeout_ms", "an integer from 200 to 10000", false,
       take_range(&KioskConfig::lookup_timeout_ms, 200, 10000)},
      {"head_office.batch_max_records", "an integer from 1 to 500", false,
       take_range(&KioskConfig::batch_max_records, 1, 500)},
      {"head_office.batch_max_bytes", "an integer from 4096 to 4194304", false,
       take_range(&KioskConfig::batch_max_bytes, 4096, 4194304)},
      {"scanner.usb_vendor_id", "an integer from 0 to 65535, e.g. 0x0c2e (0 or absent: any scanner)", false,
       take_range(&KioskConfig::scanner_usb_vendor_id, 0, 0xFFFF)},
      {"scanner.usb_product_id", "an integer from 0 to 65535, e.g. 0x0b61 (0 or absent: any scanner)", false,
       take_range(&KioskConfig::scanner_usb_product_id, 0, 0xFFFF)},
      {"scanner.keyboard_wedge", "true or false", false, take(&KioskConfig::scanner_keyboard_wedge)},
      {"printer.vendor_id", "an integer from 1 to 65535, e.g. 0x04b8 (absent: no receipt printer)", false,
       take_range(&KioskConfig::printer_vendor_id, 1, 0xFFFF)},
      {"printer.product_id", "an integer from 0 to 65535, e.g. 0x0202 (0: any product of that vendor)", false,
       take_range(&KioskConfig::printer_product_id, 0, 0xFFFF)},
      {"camera.device", "a V4L2 device path such as \"/dev/video0\", or a folder of frames", false,
       take(&KioskConfig::camera_device)},
      {"camera.width", "an integer from 160 to 4096", false,
       take_range(&KioskConfig::camera_width, 160, 4096)},
      {"camera.height", "an integer from 120 to 4096", false,
       take_range(&KioskConfig::camera_height, 120, 4096)},
      {"camera.frame_rate", "an integer from 1 to 120", false,
       take_range(&KioskConfig::camera_frame_rate, 1, 120)},
  };
  return keys;
}

// How deeply the text nests tables and arrays, without parsing it: brackets and braces open a
// level, and so does each dot of a dotted key, on the line where it stands. Strings and comments
// are skipped; a float's one dot counts too, which only makes the estimate safe.
int nesting_depth(std::string_view text) {
  int brackets = 0;
  int dots = 0;
  int deepest = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const char c = text[pos];
    if (c == '"' || c == '\'') {
      // A string, basic or literal, single- or multi-line: skipped to its closing quote.
      const bool multi_line = text.substr(pos, 3) == std::string(3, c);
      const std::string_view close = multi_line ? text.substr(pos, 3) : text.substr(pos, 1);
      pos += close.size();
      while (pos < text.size() && text.substr(pos, close.size()) != close) {
        if (c == '"' && text[pos] == '\\') ++pos;
        ++pos;
      }
      pos += close.size();
      continue;
    }
    if (c == '#') {
      while (pos < text.size() && text[pos] != '\n') ++pos;
      continue;
    }
    if (c == '\n') dots = 0;
    if (c == '.') ++dots;
    if (c == '[' || c == '{') ++brackets;
    if ((c == ']' || c == '}') && brackets > 0) --brackets;
    deepest = std::max(deepest, brackets + dots);
    ++pos;
  }
  return deepest;
}

// Walks every leaf so that a misspelt key is reported rather than silently ignored.
void collect_keys(const toml::table& table, const std::string& prefix, std::vector<std::string>& out) {
  for (const auto& [name, node] : table) {
    std::string dotted = prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
    if (const auto* sub = node.as_table()) {
      collect_keys(*sub, dotted, out);
    } else {
      out.push_back(dotted);
    }
  }
}

}  // namespace

std::string_view to_string(ConfigErrc code) {
  switch (code) {
    case ConfigErrc::FileUnreadable: return "config-unreadable";
    case ConfigErrc::TooLarge: return "config-too-large";
    case ConfigErrc::Malformed: return "config-malformed";
    case ConfigErrc::WrongType: return "config-wrong-type";
    case ConfigErrc::UnknownKey: return "config-unknown-key";
    case ConfigErrc::MissingKey: return "config-missing-key";
    case ConfigErrc::BadValue: return "config-bad-value";
  }
  return "config-error";
}

std::string ConfigError::message() const {
  std::string text = file;
  if (!key.empty()) text += ": " + key;
  switch (code) {
    case ConfigErrc::FileUnreadable: text += ": cannot read the file"; break;
    case ConfigErrc::TooLarge: text += ": too large to be a kiosk config"; break;
    case ConfigErrc::Malformed: text += ": not valid TOML"; break;
    case ConfigErrc::WrongType: text += ": wrong type"; break;
    case ConfigErrc::UnknownKey: text += ": unknown key (misspelt, or from another version?)"; break;
    case ConfigErrc::MissingKey: text += ": required key is missing"; break;
    case ConfigErrc::BadValue: text += ": value not allowed"; break;
  }
  if (!expected.empty()) text += "; expected " + expected;
  if (!detail.empty()) text += " (" + detail + ")";
  return text;
}

Expected<KioskConfig, ConfigError> parse_kiosk_config(std::string_view toml_text,
                                                      std::string_view source_name) {
  const std::string file(source_name);
  if (toml_text.size() > kMaxConfigBytes) {
    return fail(ConfigError{ConfigErrc::TooLarge, file, "",
                            "at most " + std::to_string(kMaxConfigBytes) + " bytes",
                            std::to_string(toml_text.size()) + " bytes"});
  }
  if (const int depth = nesting_depth(toml_text); depth > kMaxConfigNesting) {
    return fail(ConfigError{ConfigErrc::Malformed, file, "",
                            "tables and arrays nested at most " + std::to_string(kMaxConfigNesting) + " deep",
                            "nested " + std::to_string(depth) + " deep"});
  }
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& error) {
    std::ostringstream where;
    where << error.description() << " at line " << error.source().begin.line << ", column "
          << error.source().begin.column;
    return fail(ConfigError{ConfigErrc::Malformed, file, "", "TOML", where.str()});
  }

  std::vector<std::string> present;
  collect_keys(root, "", present);
  std::set<std::string_view> known;
  for (const auto& spec : schema()) known.insert(spec.key);
  for (const auto& key : present) {
    if (!known.contains(key)) {
      return fail(ConfigError{ConfigErrc::UnknownKey, file, key, "one of the keys in config/README.md", ""});
    }
  }

  KioskConfig config;
  config.source = file;
  for (const auto& spec : schema()) {
    const toml::node* node = root.at_path(spec.key).node();
    if (node == nullptr) {
      if (spec.required) {
        return fail(
            ConfigError{ConfigErrc::MissingKey, file, std::string(spec.key), std::string(spec.expected), ""});
      }
      continue;
    }
    std::string problem = spec.apply(config, *node);
    if (problem == "wrong-type") {
      return fail(
          ConfigError{ConfigErrc::WrongType, file, std::string(spec.key), std::string(spec.expected), ""});
    }
    if (!problem.empty()) {
      return fail(ConfigError{ConfigErrc::BadValue, file, std::string(spec.key), std::string(spec.expected),
                              problem});
    }
  }
  if (auto problem = check_head_office(config, file)) return fail(std::move(*problem));
  return config;
}

Expected<KioskConfig, ConfigError> load_kiosk_config(const std::filesystem::path& file) {
  std::error_code ec;
  const auto size = std::filesystem::file_size(file, ec);
  if (!ec && size > kMaxConfigBytes) {
    return fail(ConfigError{ConfigErrc::TooLarge, file.string(), "",
                            "at most " + std::to_string(kMaxConfigBytes) + " bytes",
                            std::to_string(size) + " bytes"});
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    return fail(ConfigError{ConfigErrc::FileUnreadable, file.string(), "", "a readable kiosk.toml",
                            "missing or not readable"});
  }
  // One byte past the cap is enough to refuse: a device or a growing file is never read whole.
  std::string text(kMaxConfigBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<std::size_t>(in.gcount()));
  auto config = parse_kiosk_config(text, file.string());
  if (config)
    config->directory = file.parent_path().empty() ? std::filesystem::path(".") : file.parent_path();
  return config;
}

std::filesystem::path resolve_config_path(const KioskConfig& config, const std::filesystem::path& path,
                                          const std::filesystem::path& data_dir) {
  if (path.is_absolute()) return path;
  return (config.directory.empty() ? data_dir : config.directory) / path;
}

}  // namespace kiosk
