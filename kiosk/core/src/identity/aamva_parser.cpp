#include "kiosk/core/identity/aamva_parser.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "aamva_layout.hpp"
#include "aamva_names.hpp"
#include "kiosk/core/identity/aamva_dates.hpp"
#include "kiosk/core/identity/iin_table.hpp"
#include "kiosk/core/identity/text_encoding.hpp"

namespace kiosk::identity {

namespace {

using detail::AamvaSubfile;
using std::chrono::year_month_day;

constexpr int kOldestAge = 120;

char swap_ascii_case(char c) {
  if (c >= 'a' && c <= 'z') return static_cast<char>(c - 'a' + 'A');
  if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
  return c;
}

AamvaError error(AamvaErrc code, std::string detail) {
  return AamvaError{code, std::move(detail)};
}

enum class FieldState { Absent, Present, Control };

struct Field {
  FieldState state = FieldState::Absent;
  std::string_view value;  // trimmed; valid when Present
};

Field classify(std::string_view raw) {
  const std::string_view value = detail::trim_value(raw);
  if (has_control_characters(value)) return {FieldState::Control, {}};
  if (value.empty() || detail::is_placeholder(value)) return {};
  return {FieldState::Present, value};
}

Field read_field(const AamvaSubfile& subfile, std::string_view id) {
  const auto* element = subfile.find(id);
  return element ? classify(element->value) : Field{};
}

AamvaError control_error(std::string_view id) {
  return error(AamvaErrc::ControlCharacters, "control bytes in " + std::string(id));
}

// Raw bytes cannot show every control character: Latin-1's 0x80-0x9F become C1 controls only
// once decoded. So the decoded text is checked again.
std::optional<AamvaError> decoded_control_error(const std::string& decoded, std::string_view id) {
  if (!has_control_characters(decoded)) return std::nullopt;
  return control_error(id);
}

// Appends words separated by one space, converted to UTF-8, into `out` without leaving copies
// of the name in freed memory: the room is reserved once, before any byte is written.
void append_words(std::string& out, const std::vector<std::string_view>& parts) {
  std::size_t room = out.size() + 1;
  for (auto part : parts) room += 3 * part.size() + 1;
  reserve_wiped(out, room);
  for (auto part : parts) {
    std::size_t pos = 0;
    while (pos < part.size()) {
      while (pos < part.size() && part[pos] == ' ') ++pos;
      std::size_t stop = pos;
      while (stop < part.size() && part[stop] != ' ') ++stop;
      if (stop > pos) {
        if (!out.empty()) out += ' ';
        append_as_utf8(out, part.substr(pos, stop - pos));
      }
      pos = stop;
    }
  }
}

class DocumentBuilder {
 public:
  DocumentBuilder(const detail::AamvaLayout& layout, year_month_day today)
      : layout_(layout), subfile_(layout.identity_subfile()), today_(today) {}

  Expected<IdDocument, AamvaError> build() {
    doc_.kind = subfile_.type;
    doc_.iin = layout_.iin;
    doc_.aamva_version = layout_.version;
    doc_.jurisdiction_version = layout_.jurisdiction_version;
    for (auto step : {&DocumentBuilder::read_issuer, &DocumentBuilder::read_document_number,
                      &DocumentBuilder::read_names, &DocumentBuilder::read_dates}) {
      if (auto failure = (this->*step)()) return fail(std::move(*failure));
    }
    read_jurisdiction_elements();
    return std::move(doc_);
  }

 private:
  using Failure = std::optional<AamvaError>;

  // Country comes from the IIN; the card's own country (DCG) and jurisdiction (DAJ) must not
  // contradict it. A card whose IIN we do not know is placed by its DAJ.
  Failure read_issuer() {
    const Field dcg = read_field(subfile_, "DCG");
    const Field daj = read_field(subfile_, "DAJ");
    const std::string_view dcg_country = dcg.state == FieldState::Present ? country_from_dcg(dcg.value) : "";
    const auto daj_issuer = daj.state == FieldState::Present ? issuer_by_code(daj.value) : std::nullopt;
    auto issuer = issuer_by_iin(layout_.iin);
    if (!issuer) issuer = daj_issuer;
    if (!issuer) return error(AamvaErrc::UnknownIssuer, "IIN not in the table and no known DAJ");
    if (!dcg_country.empty() && dcg_country != issuer->country) {
      return error(AamvaErrc::IssuerMismatch, "DCG names another country than the IIN");
    }
    if (daj_issuer && daj_issuer->country != issuer->country) {
      return error(AamvaErrc::IssuerMismatch, "DAJ is a jurisdiction of another country than the IIN");
    }
    doc_.issuer = issuer->code;
    doc_.country = issuer->country;
    return std::nullopt;
  }

  Failure read_document_number() {
    const Field number = read_field(subfile_, "DAQ");
    if (number.state == FieldState::Control) return control_error("DAQ");
    if (number.state == FieldState::Absent)
      return error(AamvaErrc::MissingDocumentNumber, "DAQ absent or a placeholder");
    append_words(doc_.document_number, {number.value});
    return decoded_control_error(doc_.document_number, "DAQ");
  }

  // v04 and later: DCS, DAC, DAD, DCU. v02-03: DCS and DCT ("FIRST,MIDDLE"). v01: DAA (the whole
  // name, see aamva_names.hpp) or DAB/DAC/DAD, DAE. Whatever a card has, the parts in their own
  // elements first.
  Failure read_names() {
    for (std::string_view id : {"DCS", "DAB", "DAC", "DAD", "DCT", "DAA", "DCU", "DAE"}) {
      if (read_field(subfile_, id).state == FieldState::Control) return control_error(id);
    }
    const auto present = [this](std::string_view id) {
      const Field field = read_field(subfile_, id);
      return field.state == FieldState::Present ? std::optional<std::string_view>(field.value) : std::nullopt;
    };
    detail::NameParts own;  // from the elements that hold one part each
    if (auto family = present("DCS") ? present("DCS") : present("DAB")) own.family = {*family};
    if (present("DAC") || present("DAD")) {
      for (auto id : {"DAC", "DAD"}) {
        for (auto piece : detail::comma_parts(present(id).value_or(""))) own.given.push_back(piece);
      }
    } else if (auto dct = present("DCT")) {
      const auto given = detail::split_given_names(detail::comma_parts(*dct));
      own.given = given.given;
      own.suffix = given.suffix;
    }
    if (auto suffix = present("DCU") ? present("DCU") : present("DAE")) own.suffix = *suffix;

    detail::NameParts full;
    if (auto daa = present("DAA")) full = detail::split_full_name(*daa, own.family, own.given);
    const detail::Words& family = own.family.empty() ? full.family : own.family;
    const detail::Words& given = own.given.empty() ? full.given : own.given;
    const std::string_view suffix = own.suffix.empty() ? full.suffix : own.suffix;
    if (family.empty() || family.front().empty())
      return error(AamvaErrc::MissingFamilyName, "DCS, DAB and DAA absent or placeholders");

    append_words(doc_.family_name, family);
    append_words(doc_.given_names, given);
    append_words(doc_.name_suffix, {suffix});
    if (auto failure = decoded_control_error(doc_.family_name, "the family name")) return failure;
    if (auto failure = decoded_control_error(doc_.given_names, "the given names")) return failure;
    if (auto failure = decoded_control_error(doc_.name_suffix, "the name suffix")) return failure;
    const auto truncated = [this](std::string_view id) {
      const Field flag = read_field(subfile_, id);
      return flag.state == FieldState::Present && flag.value == "T";
    };
    doc_.family_name_truncated = truncated("DDE");
    doc_.given_names_truncated = truncated("DDF") || truncated("DDG");
    return std::nullopt;
  }

  Failure read_date(std::string_view id, std::optional<year_month_day>& out) {
    const Field field = read_field(subfile_, id);
    if (field.state == FieldState::Control) return control_error(id);
    if (field.state == FieldState::Absent) return std::nullopt;
    out = parse_aamva_date(field.value, date_order_for_country(doc_.country));
    if (!out)
      return error(AamvaErrc::ImpossibleDate,
                   "element " + std::string(id) + " is not a date in either order");
    return std::nullopt;
  }

  Failure read_dates() {
    using std::chrono::sys_days;
    using std::chrono::years;
    if (auto failure = read_date("DBB", doc_.date_of_birth)) return failure;
    if (!doc_.date_of_birth) return error(AamvaErrc::MissingBirthDate, "DBB absent or a placeholder");
    const year_month_day birth = *doc_.date_of_birth;
    if (sys_days{birth} > sys_days{today_}) return error(AamvaErrc::BirthDateInFuture, "DBB is after today");
    // sys_days of 29 February in a common year is 1 March: the limit stays a real day.
    const year_month_day oldest{today_.year() - years{kOldestAge}, today_.month(), today_.day()};
    if (sys_days{birth} < sys_days{oldest})
      return error(AamvaErrc::BirthDateTooOld, "DBB is more than 120 years ago");
    if (auto failure = read_date("DBA", doc_.expiry_date)) return failure;
    if (auto failure = read_date("DBD", doc_.issue_date)) return failure;
    doc_.age = age_on(birth, today_);
    // A card is good through its expiry day.
    doc_.expired = doc_.expiry_date && sys_days{*doc_.expiry_date} < sys_days{today_};
    return std::nullopt;
  }

  // Z? subfiles are the jurisdiction's own: kept, never read as the holder's standard fields.
  void read_jurisdiction_elements() {
    std::size_t count = 0;
    for (const auto& subfile : layout_.subfiles) {
      if (subfile.type.front() == 'Z') count += subfile.elements.size();
    }
    doc_.jurisdiction_elements.reserve(count);
    for (const auto& subfile : layout_.subfiles) {
      if (subfile.type.front() != 'Z') continue;
      for (const auto& element : subfile.elements) {
        const Field field = classify(element.value);
        if (field.state != FieldState::Present) continue;
        JurisdictionElement kept{std::string(subfile.type), std::string(element.id), {}};
        append_words(kept.value, {field.value});
        if (decoded_control_error(kept.value, element.id)) {
          wipe(kept.value);
          continue;
        }
        doc_.jurisdiction_elements.push_back(std::move(kept));
      }
    }
  }

  const detail::AamvaLayout& layout_;
  const AamvaSubfile& subfile_;
  year_month_day today_;
  IdDocument doc_;
};

// Some scanners in keyboard mode send each control character wrapped in U+0090 (UTF-8 C2 90).
// Only a C2 90 run next to a C0 control is the scanner's: anywhere else it is refused with the
// field it sits in.
constexpr std::string_view kStrayC1 = "\xC2\x90";

bool is_c0(char c) {
  return static_cast<unsigned char>(c) < 0x20;
}

bool stray_c1_at(std::string_view text, std::size_t pos) {
  if (text.substr(pos, 2) != kStrayC1) return false;
  std::size_t before = pos;
  while (before >= 2 && text.substr(before - 2, 2) == kStrayC1) before -= 2;
  std::size_t after = pos + 2;
  while (text.substr(after, 2) == kStrayC1) after += 2;
  return (before > 0 && is_c0(text[before - 1])) || (after < text.size() && is_c0(text[after]));
}

bool has_stray_c1(std::string_view text) {
  for (std::size_t pos = text.find(kStrayC1); pos != std::string_view::npos;
       pos = text.find(kStrayC1, pos + 1)) {
    if (stray_c1_at(text, pos)) return true;
  }
  return false;
}

// `text` without the scanner's C2 90 bytes, into `out` (which the caller wipes).
void remove_stray_c1(std::string_view text, std::string& out) {
  reserve_wiped(out, text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    if (stray_c1_at(text, pos)) {
      pos += 2;
      continue;
    }
    out += text[pos++];
  }
}

Expected<IdDocument, AamvaError> parse_text(std::string_view text, year_month_day today) {
  auto layout = detail::read_aamva_layout(text);
  if (layout) return DocumentBuilder(*layout, today).build();
  if (layout.error().code != AamvaErrc::NotAamva) return fail(std::move(layout).error());

  // A keyboard-wedge scan typed with Caps Lock on arrives with every letter's case inverted
  // ("ansi ", "dldaq"). Read it again with the case put back; the copy holds the card's data,
  // so it is wiped however this ends.
  std::string restored;
  reserve_wiped(restored, text.size());
  for (char c : text) restored += swap_ascii_case(c);
  auto retried = detail::read_aamva_layout(restored);
  auto result = retried ? DocumentBuilder(*retried, today).build() : fail(std::move(layout).error());
  wipe(restored);
  return result;
}

}  // namespace

Expected<IdDocument, AamvaError> parse_aamva(std::span<const std::uint8_t> payload, year_month_day today) {
  if (payload.empty()) return fail(error(AamvaErrc::Empty, "no bytes"));
  if (payload.size() > kMaxAamvaPayloadBytes) {
    return fail(error(AamvaErrc::Oversized, std::to_string(payload.size()) + " bytes, more than " +
                                                std::to_string(kMaxAamvaPayloadBytes)));
  }
  const std::string_view text(reinterpret_cast<const char*>(payload.data()), payload.size());
  if (!has_stray_c1(text)) return parse_text(text, today);
  std::string cleaned;
  remove_stray_c1(text, cleaned);
  auto result = parse_text(cleaned, today);
  wipe(cleaned);
  return result;
}

}  // namespace kiosk::identity
