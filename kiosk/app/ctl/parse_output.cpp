#include "parse_output.hpp"

#include <nlohmann/json.hpp>

#include "kiosk/core/identity/aamva_dates.hpp"
#include "kiosk/core/identity/aamva_parser.hpp"

namespace kiosk::ctl {

namespace {

nlohmann::json document_json(const identity::IdDocument& doc) {
  nlohmann::json document = {
      {"issuer", doc.issuer},
      {"iin", doc.iin},
      {"aamva_version", doc.aamva_version},
      {"kind", doc.kind},
      {"country", doc.country},
      {"family_name", doc.family_name},
      {"document_number_masked", doc.document_number_masked()},
      {"expired", doc.expired},
      {"age", doc.age},
  };
  if (!doc.given_names.empty()) document["given_names"] = doc.given_names;
  if (!doc.name_suffix.empty()) document["name_suffix"] = doc.name_suffix;
  const auto date = [&document](const char* key, const auto& value) {
    if (value) document[key] = identity::iso_date(*value);
  };
  date("date_of_birth", doc.date_of_birth);
  date("expiry_date", doc.expiry_date);
  date("issue_date", doc.issue_date);
  return document;
}

}  // namespace

ExitCode print_parse_result(CtlContext& context, std::span<const std::uint8_t> payload) {
  const auto parsed = identity::parse_aamva(payload, context.clock.today());
  if (!parsed) {
    const auto code = parsed.error().code;
    const Bilingual text = identity::message(code);
    print_json(
        context,
        {{"ok", false},
         {"error", {{"code", identity::to_string(code)}, {"message", text.en}, {"message_fr", text.fr}}}});
    return ExitCode::BadInput;
  }
  print_json(context, {{"ok", true}, {"document", document_json(*parsed)}});
  return ExitCode::Ok;
}

}  // namespace kiosk::ctl
