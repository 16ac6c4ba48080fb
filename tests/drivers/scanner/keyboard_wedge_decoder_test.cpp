// Keyboard-wedge scans told apart from typing, and the control characters each wedge setting
// mangles put back, from key sequences in the form the platform delivers them.
#include <catch2/catch.hpp>

#include <variant>

#include "kiosk/drivers/scanner/keyboard_wedge_decoder.hpp"
#include "scanner_fixtures.hpp"

using namespace kiosk::drivers;
using namespace scanner_test;
using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;

namespace {

const Clock::time_point t0 = Clock::time_point{} + 1h;

struct Decoded {
  std::vector<Bytes> scans;
  Clock::time_point last_key{};
};

// Feeds every key, then lets time pass in 10 ms steps the way the source's thread polls.
Decoded decode(KeyboardWedgeDecoder& decoder, const std::vector<WedgeKey>& keys,
               std::chrono::milliseconds settle = 1s) {
  Decoded out;
  for (const auto& key : keys) {
    if (auto scan = decoder.poll(key.time)) out.scans.push_back(*scan);
    if (auto scan = decoder.feed(key)) out.scans.push_back(*scan);
    out.last_key = key.time;
  }
  for (auto now = out.last_key; now <= out.last_key + settle; now += 10ms) {
    if (auto scan = decoder.poll(now)) out.scans.push_back(*scan);
  }
  return out;
}

std::vector<WedgeKey> typed(std::string_view text, Clock::time_point start, std::vector<int> gaps_ms) {
  std::vector<WedgeKey> keys;
  auto t = start;
  for (std::size_t i = 0; i < text.size(); ++i) {
    keys.push_back({t, std::string(1, text[i]), WedgeSpecialKey::None, {}});
    t += std::chrono::milliseconds(gaps_ms[i % gaps_ms.size()]);
  }
  return keys;
}

std::string as_text(const Bytes& b) {
  return std::string(b.begin(), b.end());
}

}  // namespace

TEST_CASE("every wedge setting's keys give back the exact AAMVA payload") {
  const std::string payload = sample_licence();
  const auto style = GENERATE(WedgeStyle::CtrlCombos, WedgeStyle::CtrlShiftDigits,
                              WedgeStyle::EnterForLfAndCr, WedgeStyle::CrAsCrLf, WedgeStyle::DropAll);
  const auto gap = GENERATE(1ms, 8ms, 30ms);
  INFO("style " << static_cast<int>(style) << ", " << gap.count() << " ms per key");
  KeyboardWedgeDecoder decoder;
  const auto result = decode(decoder, wedge_keys(payload, style, t0, gap));
  REQUIRE(result.scans.size() == 1);
  CHECK(as_text(result.scans[0]) == payload);
}

TEST_CASE("without the Enter suffix a scan still ends, on the pause after it") {
  const std::string payload = sample_licence();
  KeyboardWedgeDecoder decoder;
  const auto keys = wedge_keys(payload, WedgeStyle::CtrlCombos, t0, 5ms, false);
  for (const auto& key : keys) REQUIRE_FALSE(decoder.feed(key).has_value());
  const auto last = keys.back().time;
  CHECK(decoder.in_scan());
  CHECK_FALSE(decoder.poll(last + 150ms).has_value());  // a wedge may pause this long mid-scan
  REQUIRE(decoder.deadline().has_value());
  CHECK(*decoder.deadline() > last + 200ms);
  auto scan = decoder.poll(*decoder.deadline());
  REQUIRE(scan.has_value());
  CHECK(as_text(*scan) == payload);
  CHECK_FALSE(decoder.deadline().has_value());
}

TEST_CASE("a wedge that stalls mid-scan still gives one scan") {
  const std::string payload = sample_licence();
  auto keys = wedge_keys(payload, WedgeStyle::EnterForLfAndCr, t0, 4ms);
  for (std::size_t i = keys.size() / 2; i < keys.size(); ++i) keys[i].time += 150ms;
  KeyboardWedgeDecoder decoder;
  const auto result = decode(decoder, keys);
  REQUIRE(result.scans.size() == 1);
  CHECK(as_text(result.scans[0]) == payload);
}

TEST_CASE("a person typing, even fast and even starting with @, is never a scan") {
  KeyboardWedgeDecoder decoder;
  SECTION("ordinary typing") {
    const auto result =
        decode(decoder, typed("@ANSI 636012 typed by hand at a normal pace", t0, {180, 95, 140, 220}));
    CHECK(result.scans.empty());
  }
  SECTION("a fast typist's rolled keys, under the gap now and then") {
    const auto result =
        decode(decoder, typed("@ANSI 636012090102DL00410278 quickly", t0, {35, 45, 30, 120, 40, 60}));
    CHECK(result.scans.empty());
  }
  SECTION("a short fast burst") {
    const auto result = decode(decoder, typed("@home", t0, {5}));
    CHECK(result.scans.empty());
  }
  SECTION("text that does not start with @") {
    const auto result = decode(decoder, typed("ANSI 636012090102DL00410278ZO03190008DLDAQ", t0, {3}));
    CHECK(result.scans.empty());
  }
  SECTION("Backspace early in the burst") {
    auto keys = typed("@ANSI 6360", t0, {5});
    keys.push_back({keys.back().time + 5ms, "", WedgeSpecialKey::Backspace, {}});
    const auto more = typed("12090102DL00410278ZO0319", keys.back().time + 5ms, {5});
    keys.insert(keys.end(), more.begin(), more.end());
    CHECK(decode(decoder, keys).scans.empty());
  }
}

TEST_CASE("two scans in a row, with typing in between, give two scans") {
  const std::string first = sample_licence();
  const std::string second =
      aamva_payload({{"ID", "DAQ987654321\nDCSOTHER\nDACPAT\nDBB19700101"}}, "636028", 10);
  auto keys = wedge_keys(first, WedgeStyle::EnterForLfAndCr, t0, 3ms);
  const auto typing = typed("hello", keys.back().time + 600ms, {150});
  keys.insert(keys.end(), typing.begin(), typing.end());
  const auto scan2 = wedge_keys(second, WedgeStyle::DropAll, typing.back().time + 400ms, 3ms);
  keys.insert(keys.end(), scan2.begin(), scan2.end());
  KeyboardWedgeDecoder decoder;
  const auto result = decode(decoder, keys);
  REQUIRE(result.scans.size() == 2);
  CHECK(as_text(result.scans[0]) == first);
  CHECK(as_text(result.scans[1]) == second);
}

TEST_CASE("a recorded wedge key sequence, Enter for LF and CR, RS dropped") {
  // Key events as the platform delivered them: milliseconds after the first key, and what it typed.
  struct Recorded {
    int ms;
    const char* text;  // nullptr: Enter
  };
  const Recorded recorded[] = {
      {0, "@"},   {6, nullptr},   {11, nullptr},  {17, "A"},      {22, "N"},  {28, "S"},  {33, "I"},
      {39, " "},  {44, "6"},      {50, "3"},      {55, "6"},      {61, "0"},  {66, "1"},  {72, "2"},
      {77, "0"},  {83, "8"},      {88, "0"},      {94, "0"},      {99, "0"},  {105, "1"}, {110, "D"},
      {116, "L"}, {121, "0"},     {127, "0"},     {132, "3"},     {138, "1"}, {143, "0"}, {149, "0"},
      {154, "2"}, {160, "9"},     {165, "D"},     {171, "L"},     {176, "D"}, {182, "A"}, {187, "Q"},
      {193, "X"}, {198, "1"},     {204, "2"},     {209, nullptr}, {215, "D"}, {220, "C"}, {226, "S"},
      {231, "R"}, {237, "O"},     {242, "Y"},     {248, nullptr}, {253, "D"}, {259, "B"}, {264, "B"},
      {270, "1"}, {275, "9"},     {281, "6"},     {286, "0"},     {292, "0"}, {297, "2"}, {303, "2"},
      {308, "9"}, {314, nullptr}, {319, nullptr},
  };
  std::vector<WedgeKey> keys;
  for (const auto& r : recorded) {
    keys.push_back({t0 + std::chrono::milliseconds(r.ms),
                    r.text ? r.text : "",
                    r.text ? WedgeSpecialKey::None : WedgeSpecialKey::Enter,
                    {}});
  }
  KeyboardWedgeDecoder decoder;
  const auto result = decode(decoder, keys);
  REQUIRE(result.scans.size() == 1);
  CHECK(as_text(result.scans[0]) == "@\n\x1e\rANSI 636012080001DL00310029DLDAQX12\nDCSROY\nDBB19600229\r");
}

TEST_CASE("an overlong burst is dropped and the next scan still decodes") {
  WedgeTiming timing;
  timing.max_scan_keys = 300;
  KeyboardWedgeDecoder decoder(timing);
  std::string flood = "@";
  flood.append(500, 'A');
  auto keys = typed(flood, t0, {2});
  const std::string payload = sample_licence();
  REQUIRE(payload.size() < 300);
  const auto scan = wedge_keys(payload, WedgeStyle::CtrlCombos, keys.back().time + 1s, 2ms);
  keys.insert(keys.end(), scan.begin(), scan.end());
  const auto result = decode(decoder, keys);
  REQUIRE(result.scans.size() == 1);
  CHECK(as_text(result.scans[0]) == payload);
}

TEST_CASE("restoring: headers, versions and separators a wedge mangled") {
  using Kind = WedgeToken::Kind;
  auto tokens = [](std::initializer_list<std::variant<const char*, Kind>> parts) {
    std::vector<WedgeToken> out;
    for (const auto& part : parts) {
      if (std::holds_alternative<Kind>(part)) {
        out.push_back({std::get<Kind>(part), 0});
      } else {
        for (const char* c = std::get<const char*>(part); *c; ++c)
          out.push_back({Kind::Byte, static_cast<std::uint8_t>(*c)});
      }
    }
    return out;
  };
  SECTION("leading whitespace, a Tab for RS, and a version 01 header with no jurisdiction version") {
    const auto t = tokens({" ", Kind::Enter, "@", Kind::Enter, Kind::Tab, Kind::Enter,
                           "AAMVA6360010101DL00290015", "DLDAQ1\nDAAROY,JO\r"});
    CHECK(as_text(restore_wedge_payload(t)) == "@\n\x1e\rAAMVA6360010101DL00290015DLDAQ1\nDAAROY,JO\r");
  }
  SECTION("dropped separators around names that begin like element ids") {
    const auto t = tokens({"@ANSI 636015090001DL00310033DLDAQ123DCSDAIGLEDACDAKOTADBB19750102DAJNB"});
    CHECK(as_text(restore_wedge_payload(t)) ==
          "@\n\x1e\rANSI 636015090001DL00310033DLDAQ123\nDCSDAIGLE\nDACDAKOTA\nDBB19750102\nDAJNB\r");
  }
  SECTION("not an AAMVA barcode: bytes kept, Enter read as LF") {
    const auto t = tokens({"@hello", Kind::Enter, "world", Kind::Tab});
    CHECK(as_text(restore_wedge_payload(t)) == "@hello\nworld\t");
  }
  SECTION("an unreadable header keeps the rest as typed") {
    const auto t = tokens({"@", Kind::Enter, "ANSI 63XX", Kind::Enter});
    CHECK(as_text(restore_wedge_payload(t)) == "@\n\x1e\rANSI 63XX\n");
  }
}

TEST_CASE("Ctrl combinations map to the control bytes a US-layout wedge means") {
  std::vector<WedgeToken> out;
  REQUIRE(append_wedge_tokens({t0, "j", WedgeSpecialKey::None, {true, false, false}}, out));
  REQUIRE(append_wedge_tokens({t0, "6", WedgeSpecialKey::None, {true, true, false}}, out));
  REQUIRE(append_wedge_tokens({t0, "^", WedgeSpecialKey::None, {true, false, false}}, out));
  REQUIRE(append_wedge_tokens({t0, "M", WedgeSpecialKey::None, {true, true, false}}, out));
  REQUIRE(append_wedge_tokens({t0, "]", WedgeSpecialKey::None, {true, false, false}}, out));
  REQUIRE(append_wedge_tokens({t0, "6", WedgeSpecialKey::None, {true, false, false}}, out));  // no meaning
  const std::vector<WedgeToken> expected = {{WedgeToken::Kind::Byte, 0x0A},
                                            {WedgeToken::Kind::Byte, 0x1E},
                                            {WedgeToken::Kind::Byte, 0x1E},
                                            {WedgeToken::Kind::Byte, 0x0D},
                                            {WedgeToken::Kind::Byte, 0x1D}};
  CHECK(out == expected);
  CHECK_FALSE(append_wedge_tokens({t0, "", WedgeSpecialKey::Escape, {}}, out));
  CHECK_FALSE(append_wedge_tokens({t0, "x", WedgeSpecialKey::None, {false, false, true}}, out));
}
