#include <catch2/catch.hpp>

#include "kiosk/receipt/receipt.hpp"
#include "receipt_fixtures.hpp"

using namespace kiosk;
using namespace kiosk::receipt;

namespace {

const ReceiptEntry* entry(const std::vector<ReceiptEntry>& entries, std::string_view id) {
  for (const auto& e : entries) {
    if (e.item_id == id) return &e;
  }
  return nullptr;
}

bool contains(const std::string& text, std::string_view part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("A receipt names each purpose and disclosure with its decision and basis from the model") {
  const Receipt r = receipt_fixtures::receipt(Language::English);
  CHECK(r.receipt_id == "0123456789abcdef0123456789abcdef");
  CHECK(r.policy_version == receipt_fixtures::shipped_model().version());
  CHECK(r.policy_is_current);
  CHECK(r.event_kind == "choices");
  CHECK(r.associate_id.empty());

  const ReceiptEntry* marketing = entry(r.purposes, "marketing-analysis");
  REQUIRE(marketing != nullptr);
  CHECK(marketing->decision == "refused");
  CHECK(marketing->basis == "implied-opt-out");
  CHECK(marketing->title.en == "Marketing analysis");
  const ReceiptEntry* marketers = entry(r.disclosures, "share-third-party-marketers");
  REQUIRE(marketers != nullptr);
  CHECK(marketers->decision == "granted");
  CHECK(marketers->basis == "express-opt-in");
  // Every decision of the record is on the receipt, each in one list only.
  CHECK(r.purposes.size() + r.disclosures.size() ==
        receipt_fixtures::record(Language::English).decisions.size());
  CHECK(entry(r.purposes, "share-credit") == nullptr);
}

TEST_CASE("The English receipt text carries the consent-receipt fields") {
  const std::string text = receipt_text(receipt_fixtures::receipt(Language::English), Language::English);
  CHECK(contains(text, "CONSENT RECEIPT"));
  CHECK(contains(text, "Receipt: 0123456789abcdef0123456789abcdef"));
  CHECK(contains(text, "Date: 2026-11-28 18:40:48 UTC"));
  CHECK(contains(text, "Time zone: UTC"));
  CHECK(contains(text, "Jurisdiction: CA, Canada: PIPEDA"));
  CHECK(contains(text, "Collected: at the kiosk, by the client alone"));
  CHECK(contains(text, "privacy@smart-cell.example"));
  CHECK(contains(text, "https://smart-cell.example/privacy"));
  CHECK(contains(text, "[NO] Marketing analysis"));
  CHECK(contains(text, "[YES] Marketers of other companies’ products"));
  CHECK(contains(text, "basis: express consent"));
  CHECK(contains(text, "WITHDRAW OR CHANGE"));
  CHECK(contains(text, "ACCESS TO YOUR INFORMATION"));
  CHECK(contains(text, "Language: English"));
  CHECK(contains(text, "Client: Élodie"));
  CHECK(contains(text, "ID: …5117"));
}

TEST_CASE("The French receipt is in French, with a non-breaking space before each colon") {
  const std::string text = receipt_text(receipt_fixtures::receipt(Language::French), Language::French);
  CHECK(contains(text, "REÇU DE CONSENTEMENT"));
  CHECK(contains(text, "Reçu\u00a0: 0123456789abcdef0123456789abcdef"));
  CHECK(contains(text, "[NON] Analyse marketing"));
  CHECK(contains(text, "[OUI] Spécialistes du marketing"));
  CHECK(contains(text, "fondement\u00a0: consentement tacite"));
  CHECK(contains(text, "Langue\u00a0: français"));
  CHECK(contains(text, "https://smart-cell.example/confidentialite"));
  CHECK_FALSE(contains(text, " :"));  // never a plain space before a colon
  CHECK_FALSE(contains(text, "CONSENT RECEIPT"));
}

TEST_CASE("An assisted session names the associate as the way consent was collected") {
  ReceiptSource source;
  source.kiosk_id = "k";
  const Receipt r = build_receipt(receipt_fixtures::record(Language::English, "assoc-77"),
                                  receipt_fixtures::shipped_model(), source);
  CHECK(r.associate_id == "assoc-77");
  CHECK(contains(receipt_text(r, Language::English, 80),
                 "Collected: at the kiosk, assisted by associate assoc-77"));
}

TEST_CASE("A receipt rebuilt from the ledger names nobody") {
  const std::string text =
      receipt_text(receipt_fixtures::receipt(Language::English, false), Language::English);
  CHECK_FALSE(contains(text, "Client:"));
  CHECK_FALSE(contains(text, "Élodie"));
  CHECK_FALSE(contains(text, "ID:"));
}

TEST_CASE("A notice basis reads as acknowledged, never as a yes") {
  Receipt r = receipt_fixtures::receipt(Language::English);
  r.purposes.push_back({"legal-notice", {"Legal retention", "Conservation légale"}, "notice", "granted"});
  const std::string en = receipt_text(r, Language::English);
  CHECK(contains(en, "[NOTED] Legal retention"));
  CHECK(contains(en, "basis: notice acknowledged"));
  CHECK(contains(receipt_text(r, Language::French), "[PRIS CONNAISSANCE] Conservation légale"));
}

TEST_CASE("Receipt lines fit the paper, accents counted as one character") {
  for (auto language : {Language::English, Language::French}) {
    for (const auto& line : receipt_lines(receipt_fixtures::receipt(language), language)) {
      const std::size_t width = line.style == LineStyle::Title ? kReceiptColumns / 2 : kReceiptColumns;
      INFO(line.text);
      CHECK(utf8_length(line.text) <= width);
    }
  }
  const auto wrapped = wrap_text("é é é é é", 3);
  REQUIRE(wrapped.size() == 3);
  CHECK(wrapped[0] == "é é");
  CHECK(wrap_text("abcdefgh", 3) == std::vector<std::string>{"abc", "def", "gh"});
  CHECK(wrap_text("a\u00a0b c", 3) == std::vector<std::string>{"a\u00a0b", "c"});
}

TEST_CASE("The controller file must name every field in both languages") {
  CHECK(parse_controller_info("[]").error().code == ControllerErrc::Malformed);
  auto missing = parse_controller_info(R"({"controller":"X"})");
  REQUIRE_FALSE(missing);
  CHECK(missing.error().code == ControllerErrc::MissingField);
  CHECK(embedded_controller_info().jurisdiction == "CA");
}

TEST_CASE("An agent's access request names the authority, who checked it and how the answer comes") {
  ReceiptSource source;
  source.kiosk_id = "k";
  consent::ConsentRecord record = receipt_fixtures::record(Language::French, "0042");
  record.kind = consent::EventKind::AccessRequest;
  record.agent = consent::AgentAuthority{consent::AuthorityDocument::CourtOrder, true, "0042"};
  record.delivery = consent::AnswerDelivery::Email;
  const Receipt r = build_receipt(record, receipt_fixtures::shipped_model(), source);
  const std::string fr = receipt_text(r, Language::French, 80);
  CHECK(contains(fr, "Mandataire\u00a0: ordonnance du tribunal, vérifié par le conseiller 0042"));
  CHECK(contains(fr, "Réponse\u00a0: par courriel, à l’adresse au dossier"));
  CHECK(contains(fr, "avec l’aide du conseiller 0042"));
  const std::string en = receipt_text(r, Language::English, 80);
  CHECK(contains(en, "Agent: court order, checked by associate 0042"));
  CHECK(contains(en, "Answer: by email, to the address on file"));

  // A client's own choices say nothing of agents or answers.
  const std::string plain = receipt_text(receipt_fixtures::receipt(Language::English), Language::English, 80);
  CHECK_FALSE(contains(plain, "Agent:"));
  CHECK_FALSE(contains(plain, "Answer:"));
}
