#include <catch2/catch.hpp>

#include <stb_image_write.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "aamva_like_payloads.hpp"
#include "kioskctl_run.hpp"
#include "pdf417_scenes.hpp"
#include "scratch_dir.hpp"

using namespace kiosk;
using testing::json_lines;
using testing::kioskctl;

namespace {

// Paths as kioskctl takes them.
struct ScanFolder : ScratchDir {
  ScanFolder() : ScratchDir("kiosk-scan") {}
  std::string path(const std::string& name) const { return (*this / name).string(); }
};

// An Ontario licence of an invented person, as the parser's contract describes one.
std::vector<std::uint8_t> ontario_licence() {
  auto card = testing::canadian_card("636012", "ON", 10);
  card.set("DBA", "20310815").set("DCS", "TREMBLAY").set("DAC", "MARIE").set("DAD", "H\xc3\x89L\xc3\x88NE");
  card.set("DBB", "19850315").set("DAQ", "T1234-56789-54321");
  card.add_subfile("ZO", {{"ZOA", "1"}});
  return card.bytes();
}

void write_png(const std::string& path, const testing::GrayImage& image) {
  REQUIRE(stbi_write_png(path.c_str(), image.width(), image.height(), 1, image.pixels().data(),
                         image.width()) != 0);
}

}  // namespace

TEST_CASE("kioskctl scan prints the parse result of a turned licence photo, like kioskctl parse") {
  const ScanFolder folder;
  const auto payload = ontario_licence();
  write_png(folder.path("licence.png"), testing::make_scene(payload, testing::Distortion::Rotated, 3).image);

  const auto run = kioskctl({"scan", folder.path("licence.png")});
  INFO(run.out << run.err);
  CHECK(run.exit == 0);
  const auto lines = json_lines(run.out);
  REQUIRE(lines.size() == 1);
  CHECK(lines[0]["ok"] == true);
  const auto& document = lines[0]["document"];
  CHECK(document["issuer"] == "ON");
  CHECK(document["family_name"] == "TREMBLAY");
  CHECK(document["given_names"] == "MARIE H\xc3\x89L\xc3\x88NE");
  CHECK(document["date_of_birth"] == "1985-03-15");
  CHECK(document["document_number_masked"].get<std::string>().ends_with("4321"));

  // The same line as parse gives for the payload itself.
  std::ofstream(folder.path("payload.txt"), std::ios::binary)
      .write(reinterpret_cast<const char*>(payload.data()), static_cast<std::streamsize>(payload.size()));
  CHECK(json_lines(kioskctl({"parse", folder.path("payload.txt")}).out)[0] == lines[0]);
}

TEST_CASE("kioskctl scan --raw prints the payload byte for byte") {
  const ScanFolder folder;
  const auto payload = testing::aamva_like_payload(21);
  write_png(folder.path("frame.png"),
            testing::make_scene(payload, testing::Distortion::Perspective, 21).image);
  const auto run = kioskctl({"scan", "--raw", folder.path("frame.png")});
  CHECK(run.exit == 0);
  CHECK(run.out == std::string(payload.begin(), payload.end()));
  CHECK(run.err.empty());
}

TEST_CASE("kioskctl scan reports each image on its own line and exits 2 if any failed") {
  const ScanFolder folder;
  write_png(folder.path("licence.png"),
            testing::make_scene(ontario_licence(), testing::Distortion::Clean, 1).image);
  write_png(folder.path("blank.png"), testing::GrayImage(400, 300, 230));
  std::ofstream(folder.path("notes.txt")) << "not an image";

  const auto run = kioskctl({"scan", folder.path("licence.png"), folder.path("blank.png"),
                             folder.path("missing.png"), folder.path("notes.txt")});
  CHECK(run.exit == 2);
  const auto lines = json_lines(run.out);
  REQUIRE(lines.size() == 4);
  CHECK(lines[0]["ok"] == true);
  CHECK(lines[1]["ok"] == false);
  CHECK(lines[1]["error"]["code"] == "no-barcode");
  CHECK_FALSE(lines[1]["error"]["message"].get<std::string>().empty());
  CHECK(lines[2]["error"]["code"] == "unreadable-image");
  CHECK(lines[3]["error"]["code"] == "unsupported-image-format");
}

TEST_CASE("kioskctl scan --raw keeps standard output for payloads: failures go to standard error") {
  const ScanFolder folder;
  write_png(folder.path("blank.png"), testing::GrayImage(200, 100, 255));
  const auto run = kioskctl({"scan", "--raw", folder.path("blank.png")});
  CHECK(run.exit == 2);
  CHECK(run.out.empty());
  CHECK(json_lines(run.err)[0]["error"]["code"] == "no-barcode");
}

TEST_CASE("kioskctl scan without an image is a usage error") {
  const auto run = kioskctl({"scan"});
  CHECK(run.exit == 2);
  CHECK(json_lines(run.out)[0]["error"]["code"] == "usage");
  CHECK(kioskctl({"scan", "--sharpen", "x.png"}).exit == 2);
}
