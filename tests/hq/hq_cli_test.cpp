#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <fstream>
#include <nlohmann/json.hpp>

#include "child_process.hpp"
#include "hq_backends.hpp"
#include "sealing_kiosk.hpp"

using namespace kiosk;
using namespace kiosk::testing;
using nlohmann::json;

namespace {

struct Run {
  int exit = -1;
  std::vector<std::string> lines;
  json first() const { return lines.empty() ? json() : json::parse(lines[0], nullptr, false); }
};

// The real binary, as an operator's script runs it.
Run consent_hq(std::vector<std::string> args) {
  args.insert(args.begin(), consent_hq_binary());
  ChildProcess child(args);
  Run run;
  run.lines = child.remaining_lines();
  const int status = child.wait();
  REQUIRE(WIFEXITED(status));  // never killed by a signal
  run.exit = WEXITSTATUS(status);
  return run;
}

}  // namespace

TEST_CASE("consent-hq answers --version and refuses what it does not know with exit 2") {
  Run version = consent_hq({"--version"});
  CHECK(version.exit == 0);
  CHECK(version.first()["service"] == "consent-hq");
  CHECK(version.first()["version"] == std::string(hq::consent_hq_version()));

  CHECK(consent_hq({}).exit == 2);
  Run unknown = consent_hq({"frobnicate"});
  CHECK(unknown.exit == 2);
  CHECK(unknown.first()["error"]["code"] == "unknown-command");
  Run no_config = consent_hq({"count"});
  CHECK(no_config.exit == 2);
  Run missing = consent_hq({"count", "--config", "/nonexistent/hq.toml"});
  CHECK(missing.exit == 2);
  CHECK(missing.first()["error"]["code"] == "config");
  CHECK(consent_hq({"init"}).exit == 2);
  CHECK(consent_hq({"init", "--dir", "/tmp/x", "--listen", "nowhere"}).exit == 2);
}

TEST_CASE("consent-hq init, enroll, serve, then count, ids, gaps, client, requests, and a clean stop") {
  ScratchDir scratch;
  const std::string dir = (scratch / "hq").string();
  Run init = consent_hq({"init", "--dir", dir, "--listen", "127.0.0.1:0"});
  REQUIRE(init.exit == 0);
  CHECK(init.first()["ok"] == true);
  CHECK(init.first()["database"] == "sqlite");
  const std::string config = init.first()["config"];
  Run again = consent_hq({"init", "--dir", dir});
  CHECK(again.exit == 2);
  CHECK(again.first()["error"]["code"] == "already-exists");

  Run enroll =
      consent_hq({"enroll", "--config", config, "--kiosk-id", "store-9-kiosk-2", "--ttl-hours", "2"});
  REQUIRE(enroll.exit == 0);
  auto token = protocol::EnrollmentToken::parse(enroll.first()["token"].get<std::string>());
  REQUIRE(token.has_value());
  CHECK(enroll.first()["token_id"] == token->id());
  CHECK(enroll.first()["kiosk_id"] == "store-9-kiosk-2");
  CHECK(consent_hq({"enroll", "--config", config, "--kiosk-id", "no spaces"}).exit == 2);
  CHECK(consent_hq({"enroll", "--config", config, "--kiosk-id", "k", "--ttl-hours", "0"}).exit == 2);

  Run empty = consent_hq({"count", "--config", config});
  CHECK(empty.exit == 0);
  CHECK(empty.first() == json::parse(R"({"records":0,"distinct":0})"));

  std::string certificate;
  {
    std::ifstream in(scratch.path() / "hq" / "hq.crt");
    certificate.assign(std::istreambuf_iterator<char>(in), {});
  }
  ServeProcess serve(config);
  HqHttpsClient client(serve.port(), scratch.path() / "hq" / "hq.crt");
  const EnrolledKiosk kiosk = enroll_over_https(client, *token, "store-9-kiosk-2", certificate);
  SealingKiosk sealing = sealing_as(kiosk);
  const auto at = std::chrono::system_clock::now();
  std::vector<protocol::UploadItem> items = {
      sealing.next(choices_record({{"marketing-analysis", consent::Decision::Granted}}, at)),
      sealing.next(access_request_record(at + std::chrono::seconds(1)))};
  REQUIRE(client.upload(batch_of(items), kiosk.kiosk_id, kiosk.key).status == 200);

  Run count = consent_hq({"count", "--config", config});
  CHECK(count.first() == json::parse(R"({"records":2,"distinct":2})"));
  Run ids = consent_hq({"ids", "--config", config});
  CHECK(ids.exit == 0);
  CHECK(ids.lines == std::vector<std::string>{items[0].record_id, items[1].record_id});
  Run gaps = consent_hq({"gaps", "--config", config});
  CHECK(gaps.exit == 0);
  CHECK(gaps.first()["kiosks"][0]["highest_seq"] == 2);
  CHECK(gaps.first()["kiosks"][0]["missing"].empty());

  const auto client_identity = sample_client();
  Run report = consent_hq({"client", "--config", config, "--issuer", client_identity.issuer, "--number",
                           client_identity.document_number});
  CHECK(report.exit == 0);
  CHECK(report.first()["known"] == true);
  CHECK(report.first()["history"].size() == 2);
  CHECK(consent_hq({"client", "--config", config, "--issuer", "ON"}).exit == 2);
  Run stranger = consent_hq({"client", "--config", config, "--issuer", "ON", "--number", "0"});
  CHECK(stranger.first()["known"] == false);

  Run requests = consent_hq({"requests", "--config", config});
  CHECK(requests.exit == 0);
  REQUIRE(requests.lines.size() == 1);
  const json request = requests.first();
  CHECK(request["kiosk_id"] == "store-9-kiosk-2");
  CHECK(request["record_id"] == items[1].record_id);
  CHECK(request["by_agent"] == false);
  CHECK(request["status"] == "open");
  const auto due = consent::parse_utc(request["due_at"].get<std::string>());
  const auto asked = consent::parse_utc(request["requested_at"].get<std::string>());
  REQUIRE(due.has_value());
  REQUIRE(asked.has_value());
  CHECK(*due - *asked == std::chrono::days(30));
  CHECK(request["due_date"] == request["due_at"].get<std::string>().substr(0, 10));

  Run rotate = consent_hq({"rotate-key", "--config", config});
  CHECK(rotate.exit == 0);
  CHECK(rotate.first()["keys"] == 2);

  const int status = serve.terminate();
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 0);
}
