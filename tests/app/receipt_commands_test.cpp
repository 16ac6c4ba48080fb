#include <catch2/catch.hpp>

#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>

#define STB_IMAGE_STATIC
#define STB_IMAGE_IMPLEMENTATION
#include <stb_image.h>

#include "ctl_runner.hpp"
#include "escpos_render.hpp"
#include "scratch_dir.hpp"

using nlohmann::json;

namespace {

std::vector<std::uint8_t> file_bytes(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::optional<std::string> qr_in_png(const std::filesystem::path& file) {
  int width = 0;
  int height = 0;
  int channels = 0;
  unsigned char* pixels = stbi_load(file.c_str(), &width, &height, &channels, 1);
  if (pixels == nullptr) return std::nullopt;
  auto text = escpos_render::read_qr(pixels, width, height);
  stbi_image_free(pixels);
  return text;
}

struct Committed {
  std::string db;
  std::vector<std::string> ids;
};

Committed demo_records(const ScratchDir& dir, const std::string& name, int count) {
  const std::string db = (dir / name).string();
  auto run = run_ctl({"demo-load", "--db", db, "--count", std::to_string(count), "--seed", "11"});
  REQUIRE(run.exit == 0);
  auto ids = committed_ids(run);
  REQUIRE(ids.size() == static_cast<std::size_t>(count));
  return {db, ids};
}

}  // namespace

TEST_CASE("receipt show writes the text, picture and printer bytes of a committed record") {
  ScratchDir dir;
  const Committed committed = demo_records(dir, "kiosk.db", 3);
  const std::string& id = committed.ids[1];
  const auto out = dir / "receipt";
  auto show = run_ctl({"receipt", "show", "--db", committed.db, "--id", id, "--out", out.string()});
  INFO(show.out);
  REQUIRE(show.exit == 0);
  const json shown = json::parse(show.out);
  CHECK(shown["record_id"] == id);
  CHECK(shown["kiosk_id"] == "demo-kiosk");
  const std::string code = shown["code"];
  CHECK(code.starts_with("CR1."));

  const auto text = file_bytes(out / "receipt.txt");
  const std::string receipt_text(text.begin(), text.end());
  CHECK(receipt_text.find(id) != std::string::npos);
  // A receipt rebuilt from the ledger names nobody.
  CHECK(receipt_text.find("Client") == std::string::npos);

  // The picture's QR reads back as the code.
  CHECK(qr_in_png(out / "receipt.png") == code);

  // The printer's bytes, drawn back by the interpreter: one raster, a cut, the same QR.
  const auto escpos = file_bytes(out / "receipt.escpos");
  CHECK(shown["escpos_bytes"] == escpos.size());
  const auto paper = escpos_render::render(escpos);
  INFO(paper.error);
  CHECK(paper.error.empty());
  CHECK(paper.rasters >= 1);
  CHECK(paper.cut);
  CHECK(paper.text_lines.size() > 20);
  CHECK(escpos_render::read_qr(paper) == code);

  // A record the ledger lacks, or no output folder, is the caller's mistake.
  CHECK(
      run_ctl({"receipt", "show", "--db", committed.db, "--id", std::string(32, '0'), "--out", out.string()})
          .exit == 2);
  CHECK(run_ctl({"receipt", "show", "--db", committed.db, "--id", id}).exit == 2);
}

TEST_CASE("receipt verify accepts the kiosk's code and refuses it altered by any one character") {
  ScratchDir dir;
  const Committed committed = demo_records(dir, "kiosk.db", 2);
  const std::string& id = committed.ids[0];
  auto show = run_ctl({"receipt", "show", "--db", committed.db, "--id", id, "--out", (dir / "r").string()});
  REQUIRE(show.exit == 0);
  const std::string code = json::parse(show.out)["code"];

  auto verify = run_ctl({"receipt", "verify", code, "--db", committed.db});
  INFO(verify.out);
  REQUIRE(verify.exit == 0);
  const json valid = json::parse(verify.out);
  CHECK(valid["valid"] == true);
  CHECK(valid["in_ledger"] == true);
  CHECK(valid["receipt"]["record_id"] == id);
  CHECK(valid["receipt"]["kiosk_id"] == "demo-kiosk");
  CHECK(valid["receipt"]["time"].get<std::string>().size() == 24);
  // As many decisions as the ledger's record holds.
  for (const auto& line : run_ctl({"ledger", "--db", committed.db}).lines()) {
    const json entry = json::parse(line);
    if (entry["id"] == id) CHECK(valid["receipt"]["decisions"].size() == entry["decisions"].size());
  }

  // Every single-character change of the text, to another base64url character or a dot, fails.
  int refused = 0;
  for (std::size_t at = 0; at < code.size(); ++at) {
    std::string altered = code;
    altered[at] = altered[at] == 'A' ? 'B' : 'A';
    auto run = run_ctl({"receipt", "verify", altered, "--db", committed.db});
    if (run.exit == 2 && json::parse(run.out)["ok"] == false) ++refused;
  }
  CHECK(refused == static_cast<int>(code.size()));

  std::string one_byte = code;
  one_byte[10] = one_byte[10] == 'x' ? 'y' : 'x';  // inside the record id: a well-formed code
  auto bad = run_ctl({"receipt", "verify", one_byte, "--db", committed.db});
  CHECK(bad.exit == 2);
  CHECK(json::parse(bad.out)["error"]["code"] == "bad-signature");

  // Another kiosk's key does not verify this kiosk's receipt.
  const Committed other = demo_records(dir, "other.db", 1);
  auto elsewhere = run_ctl({"receipt", "verify", code, "--db", other.db});
  CHECK(elsewhere.exit == 2);
  CHECK(json::parse(elsewhere.out)["error"]["code"] == "bad-signature");

  CHECK(run_ctl({"receipt", "verify", "hello", "--db", committed.db}).exit == 2);
  CHECK(run_ctl({"receipt", "verify", code}).exit == 2);  // no kiosk named
  CHECK(run_ctl({"receipt"}).exit == 2);
}

TEST_CASE("receipt verify with --config holds the code to the config's kiosk id") {
  ScratchDir dir;
  std::ofstream(dir / "kiosk.toml") << "[kiosk]\nid = \"store-5-kiosk-2\"\nstore_name = \"Store 5\"\n"
                                       "[storage]\ndatabase = \"kiosk.db\"\n";
  const std::string config = (dir / "kiosk.toml").string();
  auto load = run_ctl({"demo-load", "--config", config, "--count", "1"});
  INFO(load.out);
  REQUIRE(load.exit == 0);
  const std::string id = committed_ids(load).at(0);
  auto show = run_ctl({"receipt", "show", "--config", config, "--id", id, "--out", (dir / "r").string()});
  INFO(show.out);
  REQUIRE(show.exit == 0);
  const std::string code = json::parse(show.out)["code"];
  auto verify = run_ctl({"receipt", "verify", code, "--config", config});
  CHECK(verify.exit == 0);
  CHECK(json::parse(verify.out)["receipt"]["kiosk_id"] == "store-5-kiosk-2");
  const std::string db = (dir / "kiosk.db").string();
  // The bare database knows its key, not its kiosk's name: --kiosk-id holds the code to one.
  CHECK(run_ctl({"receipt", "verify", code, "--db", db}).exit == 0);
  CHECK(run_ctl({"receipt", "verify", code, "--db", db, "--kiosk-id", "store-5-kiosk-2"}).exit == 0);
  auto other = run_ctl({"receipt", "verify", code, "--db", db, "--kiosk-id", "store-5-kiosk-3"});
  CHECK(other.exit == 2);
  CHECK(json::parse(other.out)["error"]["code"] == "other-kiosk");
}
