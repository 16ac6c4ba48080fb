#include "kiosk/hq/hq_config.hpp"

#include <arpa/inet.h>

#include <toml++/toml.h>
#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

namespace kiosk::hq {
namespace {

namespace fs = std::filesystem;

HqError config_error(std::string_view file, std::string_view key, std::string_view problem,
                     std::string_view expected = {}) {
  std::string text(file);
  if (!key.empty()) text += ": " + std::string(key);
  text += ": " + std::string(problem);
  if (!expected.empty()) text += "; expected " + std::string(expected);
  return {HqErrc::Config, std::move(text)};
}

// Reads keys by their dotted path and remembers which it read, so that whatever is left over
// afterwards is a key nobody asked for: misspelt, or from another version. The first problem
// found is the one reported.
class StrictTable {
 public:
  StrictTable(const toml::table& root, std::string file) : root_(root), file_(std::move(file)) {}

  void text(std::string_view key, bool required, std::string& out) {
    if (const toml::node* node = find(key, required, "a non-empty string")) {
      auto value = node->value_exact<std::string>();
      if (!value) return wrong_type(key, "a string");
      if (value->empty()) return bad_value(key, "empty", "a non-empty string");
      out = *value;
    }
  }

  void path(std::string_view key, bool required, const fs::path& base, fs::path& out) {
    std::string value;
    text(key, required, value);
    if (!value.empty()) out = fs::path(value).is_absolute() ? fs::path(value) : base / value;
  }

  void integer(std::string_view key, std::int64_t low, std::int64_t high, std::int64_t& out) {
    const std::string expected = "an integer from " + std::to_string(low) + " to " + std::to_string(high);
    if (const toml::node* node = find(key, false, expected)) {
      auto value = node->value_exact<std::int64_t>();
      if (!value) return wrong_type(key, expected);
      if (*value < low || *value > high) return bad_value(key, "out of range", expected);
      out = *value;
    }
  }

  void fail_on(std::string_view key, const HqError& error) { note(key, error); }

  // The first problem, or an unknown key.
  Status<HqError> finish() const {
    if (problem_) return fail(*problem_);
    std::vector<std::string> present;
    collect(root_, "", present);
    for (const auto& key : present) {
      if (!read_.contains(key)) {
        return fail(config_error(file_, key, "unknown key (misspelt, or from another version?)",
                                 "one of the keys in config/README.md"));
      }
    }
    return Ok{};
  }

 private:
  const toml::node* find(std::string_view key, bool required, std::string_view expected) {
    read_.insert(std::string(key));
    const toml::node* node = root_.at_path(key).node();
    if (node == nullptr && required) note(key, config_error(file_, key, "required key is missing", expected));
    return node;
  }
  void wrong_type(std::string_view key, std::string_view expected) {
    note(key, config_error(file_, key, "wrong type", expected));
  }
  void bad_value(std::string_view key, std::string_view why, std::string_view expected) {
    note(key, config_error(file_, key, "value not allowed (" + std::string(why) + ")", expected));
  }
  void note(std::string_view, const HqError& error) {
    if (!problem_) problem_ = error;
  }
  static void collect(const toml::table& table, const std::string& prefix, std::vector<std::string>& out) {
    for (const auto& [name, node] : table) {
      const std::string dotted =
          prefix.empty() ? std::string(name.str()) : prefix + "." + std::string(name.str());
      if (const auto* sub = node.as_table()) {
        collect(*sub, dotted, out);
      } else {
        out.push_back(dotted);
      }
    }
  }

  const toml::table& root_;
  std::string file_;
  std::set<std::string, std::less<>> read_;
  std::optional<HqError> problem_;
};

bool valid_dns_name(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  for (char c : host) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
    if (!ok) return false;
  }
  return host.front() != '-' && host.front() != '.';
}

}  // namespace

bool ListenAddress::host_is_ip() const {
  unsigned char buffer[16];
  return inet_pton(AF_INET, host.c_str(), buffer) == 1 || inet_pton(AF_INET6, host.c_str(), buffer) == 1;
}

std::string ListenAddress::text() const {
  const bool v6 = host.find(':') != std::string::npos;
  return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

Expected<ListenAddress, HqError> parse_listen_address(std::string_view text) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) {
    return fail(HqError{HqErrc::BadInput, "listen address '" + std::string(text) + "' is not HOST:PORT"});
  }
  std::string_view host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  const std::string_view port_text = text.substr(colon + 1);
  int port = -1;
  auto [end, ec] = std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (ec != std::errc{} || end != port_text.data() + port_text.size() || port < 0 || port > 65535) {
    return fail(HqError{HqErrc::BadInput, "listen port '" + std::string(port_text) + "' is not 0-65535"});
  }
  ListenAddress address{std::string(host), port};
  if (!address.host_is_ip() && !valid_dns_name(host)) {
    return fail(
        HqError{HqErrc::BadInput, "listen host '" + std::string(host) + "' is neither an IP nor a name"});
  }
  return address;
}

bool is_postgresql_url(std::string_view database) {
  return database.starts_with("postgresql://") || database.starts_with("postgres://");
}

bool HqConfig::uses_postgresql() const {
  return is_postgresql_url(database);
}

Expected<HqConfig, HqError> parse_hq_config(std::string_view toml_text, std::string_view source_name,
                                            const fs::path& directory) {
  const std::string file(source_name);
  toml::table root;
  try {
    root = toml::parse(toml_text, source_name);
  } catch (const toml::parse_error& error) {
    std::ostringstream where;
    where << "not valid TOML: " << error.description() << " at line " << error.source().begin.line
          << ", column " << error.source().begin.column;
    return fail(config_error(file, "", where.str()));
  }

  HqConfig config;
  config.source = file;
  StrictTable table(root, file);
  std::string listen;
  table.text("server.listen", true, listen);
  if (!listen.empty()) {
    auto address = parse_listen_address(listen);
    if (address) {
      config.listen = *address;
    } else {
      table.fail_on("server.listen",
                    config_error(file, "server.listen", address.error().detail, "HOST:PORT"));
    }
  }
  table.integer("server.threads", 2, 1024, config.threads);
  table.integer("server.keep_alive_max_requests", 1, 1000000, config.keep_alive_max_requests);
  table.integer("server.keep_alive_timeout_seconds", 1, 300, config.keep_alive_timeout_seconds);
  table.path("tls.certificate", true, directory, config.certificate);
  table.path("tls.private_key", true, directory, config.tls_key);
  table.path("keys.identity", true, directory, config.identity_key);
  table.path("keys.box_keys", true, directory, config.box_keys);
  table.path("keys.client_hash", true, directory, config.client_hash_key);
  table.path("keys.admin_token", true, directory, config.admin_token);
  table.text("storage.database", true, config.database);
  if (!config.database.empty() && !config.uses_postgresql() && fs::path(config.database).is_relative()) {
    config.database = (directory / config.database).string();
  }
  table.integer("storage.connections", 1, 256, config.database_connections);
  table.integer("storage.busy_timeout_ms", 0, 600000, config.busy_timeout_ms);
  table.integer("enrollment.token_ttl_hours", 1, 24 * 30, config.token_ttl_hours);
  auto finished = table.finish();
  if (!finished) return fail(finished.error());
  return config;
}

Expected<HqConfig, HqError> load_hq_config(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return fail(config_error(file.string(), "", "cannot read the file (missing or not readable)"));
  std::ostringstream text;
  text << in.rdbuf();
  const fs::path directory = file.parent_path().empty() ? fs::path(".") : file.parent_path();
  return parse_hq_config(text.str(), file.string(), fs::absolute(directory));
}

std::string initial_config_text(const InitialConfig& initial) {
  // toml++ quotes the values, so a URL with odd characters cannot break the file.
  auto quoted = [](std::string_view value) {
    std::ostringstream out;
    out << toml::value<std::string>(std::string(value));
    return out.str();
  };
  namespace names = file_names;
  std::ostringstream out;
  out << "# Head office (consent-hq), written by `consent-hq init`. Every key: config/README.md.\n"
         "# Relative paths are taken from this file's folder.\n\n"
         "[server]\n"
      << "listen = " << quoted(initial.listen.text()) << "\n"
      << "threads = 64\n"
         "keep_alive_max_requests = 1000\n"
         "keep_alive_timeout_seconds = 5\n\n"
         "[tls]\n"
      << "certificate = " << quoted(names::kCertificate) << "\n"
      << "private_key = " << quoted(names::kTlsKey) << "\n\n"
      << "[keys]\n"
      << "identity = " << quoted(names::kIdentityKey) << "\n"
      << "box_keys = " << quoted(names::kBoxKeys) << "\n"
      << "client_hash = " << quoted(names::kClientHashKey) << "\n"
      << "admin_token = " << quoted(names::kAdminToken) << "\n\n"
      << "[storage]\n"
      << "database = " << quoted(initial.database) << "\n"
      << "connections = 4\n"
         "busy_timeout_ms = 5000\n\n"
         "[enrollment]\n"
         "token_ttl_hours = 24\n";
  return out.str();
}

}  // namespace kiosk::hq
