#include <catch2/catch.hpp>

#include <fstream>

#include "kiosk/hq/hq_config.hpp"
#include "scratch_dir.hpp"

using namespace kiosk::hq;

namespace {

const std::string kGood = R"(
[server]
listen = "127.0.0.1:8443"
threads = 16
[tls]
certificate = "hq.crt"
private_key = "hq-tls.key"
[keys]
identity = "hq-identity.key"
box_keys = "hq-box.keys"
client_hash = "hq-client-hash.key"
admin_token = "/etc/consent-hq/admin.token"
[storage]
database = "hq.db"
[enrollment]
token_ttl_hours = 48
)";

std::string with(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::string problem_of(const std::string& text) {
  auto config = parse_hq_config(text, "/etc/consent-hq/hq.toml", "/etc/consent-hq");
  REQUIRE_FALSE(config.has_value());
  CHECK(config.error().code == HqErrc::Config);
  return config.error().detail;
}

}  // namespace

TEST_CASE("hq.toml: every key lands where it belongs, relative paths from the file's folder") {
  auto config = parse_hq_config(kGood, "/etc/consent-hq/hq.toml", "/etc/consent-hq");
  REQUIRE(config.has_value());
  CHECK(config->listen.host == "127.0.0.1");
  CHECK(config->listen.port == 8443);
  CHECK(config->threads == 16);
  CHECK(config->keep_alive_max_requests == 1000);  // the default
  CHECK(config->certificate == "/etc/consent-hq/hq.crt");
  CHECK(config->admin_token == "/etc/consent-hq/admin.token");
  CHECK(config->database == "/etc/consent-hq/hq.db");
  CHECK_FALSE(config->uses_postgresql());
  CHECK(config->token_ttl_hours == 48);

  auto shared =
      parse_hq_config(with(kGood, "\"hq.db\"", "\"postgresql://hq@db.example:5432/consents\""), "f", "/x");
  REQUIRE(shared.has_value());
  CHECK(shared->uses_postgresql());
  CHECK(shared->database == "postgresql://hq@db.example:5432/consents");
}

TEST_CASE("hq.toml: an unknown key, a wrong type, a missing key each name the file and the key") {
  const std::string unknown = problem_of(with(kGood, "threads = 16", "threads = 16\nthreds = 4"));
  CHECK(unknown.find("/etc/consent-hq/hq.toml") != std::string::npos);
  CHECK(unknown.find("server.threds") != std::string::npos);
  CHECK(unknown.find("unknown key") != std::string::npos);

  const std::string wrong_type = problem_of(with(kGood, "threads = 16", "threads = \"16\""));
  CHECK(wrong_type.find("/etc/consent-hq/hq.toml") != std::string::npos);
  CHECK(wrong_type.find("server.threads") != std::string::npos);
  CHECK(wrong_type.find("wrong type") != std::string::npos);

  const std::string missing = problem_of(with(kGood, "database = \"hq.db\"", ""));
  CHECK(missing.find("/etc/consent-hq/hq.toml") != std::string::npos);
  CHECK(missing.find("storage.database") != std::string::npos);
  CHECK(missing.find("missing") != std::string::npos);

  const std::string range = problem_of(with(kGood, "threads = 16", "threads = 0"));
  CHECK(range.find("server.threads") != std::string::npos);
  CHECK(range.find("out of range") != std::string::npos);

  const std::string listen = problem_of(with(kGood, "127.0.0.1:8443", "127.0.0.1"));
  CHECK(listen.find("server.listen") != std::string::npos);

  const std::string table_as_value = problem_of(with(kGood, "[enrollment]", "[enrollment.extra]"));
  CHECK(table_as_value.find("enrollment.extra.token_ttl_hours") != std::string::npos);

  const std::string malformed = problem_of("[server\nlisten = 1");
  CHECK(malformed.find("not valid TOML") != std::string::npos);
  CHECK(malformed.find("line 1") != std::string::npos);
}

TEST_CASE("hq.toml: a missing file is an error naming it") {
  ScratchDir dir;
  auto config = load_hq_config(dir / "absent.toml");
  REQUIRE_FALSE(config.has_value());
  CHECK(config.error().detail.find("absent.toml") != std::string::npos);

  std::ofstream(dir / "hq.toml") << kGood;
  auto loaded = load_hq_config(dir / "hq.toml");
  REQUIRE(loaded.has_value());
  CHECK(loaded->certificate == dir.path() / "hq.crt");
}

TEST_CASE("listen addresses: an IP, a name, IPv6 in brackets, and nothing else") {
  auto ip = parse_listen_address("10.1.2.3:443");
  REQUIRE(ip.has_value());
  CHECK(ip->host_is_ip());
  auto name = parse_listen_address("hq.example.ca:8443");
  REQUIRE(name.has_value());
  CHECK_FALSE(name->host_is_ip());
  CHECK(name->text() == "hq.example.ca:8443");
  auto v6 = parse_listen_address("[::1]:0");
  REQUIRE(v6.has_value());
  CHECK(v6->host == "::1");
  CHECK(v6->port == 0);
  CHECK(v6->text() == "[::1]:0");
  CHECK_FALSE(parse_listen_address("hq.example.ca").has_value());
  CHECK_FALSE(parse_listen_address("hq:70000").has_value());
  CHECK_FALSE(parse_listen_address("h q:80").has_value());
  CHECK_FALSE(parse_listen_address(":80").has_value());
}

TEST_CASE("the hq.toml init writes reads back through the strict loader") {
  const std::string text = initial_config_text({{"192.0.2.7", 9443}, "postgresql://hq@127.0.0.1:5432/hq"});
  auto config = parse_hq_config(text, "hq.toml", "/srv/hq");
  REQUIRE(config.has_value());
  CHECK(config->listen.text() == "192.0.2.7:9443");
  CHECK(config->database == "postgresql://hq@127.0.0.1:5432/hq");
  CHECK(config->box_keys == std::filesystem::path("/srv/hq") / file_names::kBoxKeys);
}

TEST_CASE("the example config/hq.toml loads through the strict loader") {
  // KIOSK_TEST_DATA_DIR is tests/data: the repository is two folders up.
  const auto top = std::filesystem::path(KIOSK_TEST_DATA_DIR).parent_path().parent_path();
  auto config = load_hq_config(top / "config" / "hq.toml");
  INFO((config ? "" : config.error().detail));
  REQUIRE(config.has_value());
  CHECK(config->listen.text() == "127.0.0.1:8443");
  CHECK(config->threads == 64);
  CHECK_FALSE(config->uses_postgresql());
}
