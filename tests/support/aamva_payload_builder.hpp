#pragma once
// Builds AAMVA DL/ID barcode payloads from fields the way a card encodes them: header, version,
// designator table with computed offsets and lengths, subfiles. Every quirk real cards and
// scanners show has a switch, so a test states the one quirk it is about. Header-only: the
// Catch suites, the fuzzers (seed corpus) and the benchmarks share it.

#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace kiosk::testing {

struct AamvaField {
  std::string id;
  std::string value;
};

struct AamvaSubfileSpec {
  std::string type = "DL";
  std::vector<AamvaField> fields;
  bool type_in_body = true;  // false: listed in the table, but the data starts with its first element
  std::string after_type{};  // between the type and the first element: some cards put a LF there
  int offset_error = 0;      // added to this subfile's declared offset (past the end, say)

  // Replaces the value of an element already there (keeping its place), or appends it.
  void set(std::string_view id, std::string value) {
    for (auto& field : fields) {
      if (field.id == id) {
        field.value = std::move(value);
        return;
      }
    }
    fields.push_back({std::string(id), std::move(value)});
  }
  void remove(std::string_view id) {
    std::erase_if(fields, [id](const AamvaField& f) { return f.id == id; });
  }
  // Renames an element in place: "DBB" -> "XBB" keeps the bytes but hides the birth date.
  void rename(std::string_view id, std::string renamed) {
    for (auto& field : fields) {
      if (field.id == id) field.id = std::move(renamed);
    }
  }
  std::string body(std::string_view separator, std::string_view terminator) const {
    std::string out = type_in_body ? type + after_type : "";
    for (std::size_t i = 0; i < fields.size(); ++i) {
      if (i > 0) out += separator;
      out += fields[i].id;
      out += fields[i].value;
    }
    out += terminator;
    return out;
  }
};

// Damage to the header that a misread or a worn card leaves; the subfiles stay intact.
enum class HeaderDamage {
  None,
  FileTypeAndIin,  // "ANSI 636012" becomes unreadable bytes
  HeaderLost,      // everything from the '@' to the first subfile is gone
  TableAndType,    // the designator table and the identity subfile's own type are garbled
};

enum class OffsetStyle {
  Correct,  // offsets as the standard says: from the '@' to the subfile type
  Zero,     // "0000", as several jurisdictions write
  Letters,  // not digits at all
  Shifted,  // off by `offset_shift` bytes
};

struct AamvaPayloadBuilder {
  std::string prefix;  // before the '@': whitespace, a scanner's AIM id
  std::string compliance = "@";
  std::string header_separators = "\n\x1e\r";
  std::string file_type = "ANSI ";
  std::string iin = "636012";
  int version = 9;
  std::optional<int> jurisdiction_version = 1;  // nullopt: a version 00/01 header
  std::optional<int> declared_entries;          // a number of entries that lies
  OffsetStyle offsets = OffsetStyle::Correct;
  int offset_shift = 0;
  int length_error = 0;  // added to every declared length
  std::string element_separator = "\n";
  std::string segment_terminator = "\r";
  std::string suffix;  // junk after the end
  std::vector<AamvaSubfileSpec> subfiles;
  // What scanners and worn cards do to the finished payload, applied in this order:
  HeaderDamage header_damage = HeaderDamage::None;
  bool drop_carriage_returns = false;  // a scanner that swallows every CR
  std::string control_wrapper;         // put around control characters, e.g. "\xC2\x90" (U+0090)
  bool wrap_before = true;             // which sides of each control character get the wrapper
  bool wrap_after = true;
  std::size_t cut_tail = 0;  // bytes lost at the end, while the header still declares them

  AamvaSubfileSpec& identity() {
    for (auto& subfile : subfiles) {
      if (subfile.type == "DL" || subfile.type == "ID") return subfile;
    }
    return subfiles.front();
  }
  AamvaPayloadBuilder& set(std::string_view id, std::string value) {
    identity().set(id, std::move(value));
    return *this;
  }
  AamvaPayloadBuilder& remove(std::string_view id) {
    identity().remove(id);
    return *this;
  }
  AamvaPayloadBuilder& add_subfile(std::string type, std::vector<AamvaField> fields) {
    subfiles.push_back({std::move(type), std::move(fields)});
    return *this;
  }

  std::string build() const {
    std::string header = compliance + header_separators + file_type + iin + two_digits(version);
    if (jurisdiction_version) header += two_digits(*jurisdiction_version);
    header += two_digits(declared_entries.value_or(static_cast<int>(subfiles.size())));
    std::vector<std::string> bodies;
    for (const auto& subfile : subfiles)
      bodies.push_back(subfile.body(element_separator, segment_terminator));
    std::size_t offset = header.size() + 10 * subfiles.size();
    std::string table;
    for (std::size_t i = 0; i < subfiles.size(); ++i) {
      table += subfiles[i].type;
      switch (offsets) {
        case OffsetStyle::Correct:
          table += four_digits(static_cast<int>(offset) + subfiles[i].offset_error);
          break;
        case OffsetStyle::Zero: table += "0000"; break;
        case OffsetStyle::Letters: table += "OFFS"; break;
        case OffsetStyle::Shifted:
          table += four_digits(static_cast<int>(offset) + offset_shift + subfiles[i].offset_error);
          break;
      }
      table += four_digits(static_cast<int>(bodies[i].size()) + length_error);
      offset += bodies[i].size();
    }
    std::string payload = prefix + header + table;
    for (const auto& body : bodies) payload += body;
    payload += suffix;
    damage_header(payload, prefix.size(), header.size() + table.size());
    if (drop_carriage_returns) std::erase(payload, '\r');
    if (!control_wrapper.empty()) payload = wrap_controls(payload);
    payload.resize(payload.size() - std::min(cut_tail, payload.size()));
    return payload;
  }

  std::vector<std::uint8_t> bytes() const {
    const std::string text = build();
    return {text.begin(), text.end()};
  }

 private:
  void damage_header(std::string& payload, std::size_t begin, std::size_t size) const {
    switch (header_damage) {
      case HeaderDamage::None: break;
      case HeaderDamage::FileTypeAndIin: {
        const std::size_t type_at = payload.find(file_type, begin);
        for (std::size_t i = type_at; i < type_at + file_type.size() + 4; ++i) payload[i] = "#~%^"[i % 4];
        break;
      }
      case HeaderDamage::HeaderLost: payload.erase(begin, size); break;
      case HeaderDamage::TableAndType: {
        const std::size_t table_at = begin + size - 10 * subfiles.size();
        for (std::size_t i = table_at; i < begin + size; ++i) payload[i] = "?#"[i % 2];
        for (const auto& subfile : subfiles) {
          if (subfile.type != "DL" && subfile.type != "ID") continue;
          const std::size_t type_at =
              payload.find(subfile.type + subfile.after_type + subfile.fields.front().id, begin + size);
          if (type_at != std::string::npos) payload.replace(type_at, 2, "#?");
        }
        break;
      }
    }
  }

  std::string wrap_controls(const std::string& payload) const {
    std::string out;
    for (char c : payload) {
      const bool control = static_cast<unsigned char>(c) < 0x20;
      if (control && wrap_before) out += control_wrapper;
      out += c;
      if (control && wrap_after) out += control_wrapper;
    }
    return out;
  }

  static std::string padded(int value, std::size_t width) {
    std::string text = std::to_string(value < 0 ? 0 : value);
    return text.size() < width ? std::string(width - text.size(), '0') + text : text;
  }
  static std::string two_digits(int value) { return padded(value, 2); }
  static std::string four_digits(int value) { return padded(value, 4); }
};

// Dates as each country writes them.
inline std::string year_first(int y, int m, int d) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d%02d%02d", y % 10000, m % 100, d % 100);
  return text;
}
inline std::string month_first(int y, int m, int d) {
  char text[16];
  std::snprintf(text, sizeof text, "%02d%02d%04d", m % 100, d % 100, y % 10000);
  return text;
}

// A version 04-10 card of a Canadian province (dates CCYYMMDD), holder born 1985-04-12.
inline AamvaPayloadBuilder canadian_card(std::string iin = "636012", std::string jurisdiction = "ON",
                                         int version = 9) {
  AamvaPayloadBuilder card;
  card.iin = std::move(iin);
  card.version = version;
  card.add_subfile("DL", {{"DCA", "G"},
                          {"DCB", "NONE"},
                          {"DCD", "NONE"},
                          {"DBA", "20300412"},
                          {"DCS", "TREMBLAY"},
                          {"DAC", "MARIE"},
                          {"DAD", "JOSEE"},
                          {"DBD", "20250412"},
                          {"DBB", "19850412"},
                          {"DBC", "2"},
                          {"DAY", "BRO"},
                          {"DAU", "165 cm"},
                          {"DAG", "100 QUEEN ST W"},
                          {"DAI", "TORONTO"},
                          {"DAJ", jurisdiction},
                          {"DAK", "M5H 2N2"},
                          {"DAQ", "T7654-32109-85412"},
                          {"DCF", "AB1234567"},
                          {"DCG", "CAN"},
                          {"DDE", "N"},
                          {"DDF", "N"},
                          {"DDG", "N"}});
  return card;
}

// A version 10 card of a US state (dates MMDDCCYY), holder born 1990-07-04.
inline AamvaPayloadBuilder us_card(std::string iin = "636001", std::string jurisdiction = "NY",
                                   int version = 10) {
  AamvaPayloadBuilder card;
  card.iin = std::move(iin);
  card.version = version;
  card.add_subfile("DL",
                   {{"DCA", "D"},          {"DCB", "NONE"},   {"DCD", "NONE"},       {"DBA", "07042031"},
                    {"DCS", "JOHNSON"},    {"DAC", "ROBERT"}, {"DAD", "LEE"},        {"DBD", "07042023"},
                    {"DBB", "07041990"},   {"DBC", "1"},      {"DAY", "BLU"},        {"DAU", "070 in"},
                    {"DAG", "12 MAIN ST"}, {"DAI", "ALBANY"}, {"DAJ", jurisdiction}, {"DAK", "122070000"},
                    {"DAQ", "123456789"},  {"DCF", "X1Y2Z3"}, {"DCG", "USA"},        {"DDE", "N"},
                    {"DDF", "N"},          {"DDG", "N"},      {"DDK", "1"}});
  return card;
}

// A version 02-03 card: family name in DCS, given names comma-separated in DCT.
inline AamvaPayloadBuilder version_3_card(std::string iin = "636012", std::string jurisdiction = "ON") {
  AamvaPayloadBuilder card = canadian_card(std::move(iin), std::move(jurisdiction), 3);
  auto& dl = card.identity();
  dl.remove("DAC");
  dl.remove("DAD");
  dl.remove("DDE");
  dl.remove("DDF");
  dl.remove("DDG");
  dl.set("DCT", "MARIE,JOSEE");
  return card;
}

// A version 01 card (AAMVA DL/ID-2000): no jurisdiction version in the header, full name in
// DAA as FAMILY,GIVEN,MIDDLE, dates CCYYMMDD.
inline AamvaPayloadBuilder version_1_card(std::string iin = "636012", std::string jurisdiction = "ON") {
  AamvaPayloadBuilder card;
  card.iin = std::move(iin);
  card.version = 1;
  card.jurisdiction_version.reset();
  card.add_subfile("DL", {{"DAQ", "T7654-32109-85412"},
                          {"DAA", "TREMBLAY,MARIE,JOSEE"},
                          {"DAG", "100 QUEEN ST W"},
                          {"DAI", "TORONTO"},
                          {"DAJ", jurisdiction},
                          {"DAK", "M5H 2N2"},
                          {"DAR", "G"},
                          {"DBA", "20300412"},
                          {"DBB", "19850412"},
                          {"DBC", "F"},
                          {"DBD", "20250412"}});
  return card;
}

// The version 01 full name (DAA) as jurisdictions write it: the standard's comma-separated
// FAMILY,GIVEN,MIDDLE,SUFFIX, or, as some US states do, the words in reading order with no commas.
enum class FullNameStyle { FamilyFirstCommas, GivenFirstSpaces };

inline std::string full_name(FullNameStyle style, std::string_view family, std::string_view given,
                             std::string_view middle, std::string_view name_suffix = {}) {
  std::string text;
  auto add = [&text](std::string_view part, std::string_view separator) {
    if (part.empty()) return;
    if (!text.empty()) text += separator;
    text += part;
  };
  if (style == FullNameStyle::FamilyFirstCommas) {
    text = std::string(family) + "," + std::string(given);
    if (!middle.empty() || !name_suffix.empty()) text += "," + std::string(middle);
    if (!name_suffix.empty()) text += "," + std::string(name_suffix);
    return text;
  }
  for (auto part : {given, middle, family, name_suffix}) add(part, " ");
  return text;
}

inline std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  std::size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
  return text;
}

inline std::vector<std::uint8_t> as_bytes(std::string_view text) {
  return {text.begin(), text.end()};
}

}  // namespace kiosk::testing
