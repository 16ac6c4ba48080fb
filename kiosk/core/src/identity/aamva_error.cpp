#include "kiosk/core/identity/aamva_error.hpp"

namespace kiosk::identity {

std::string_view to_string(AamvaErrc code) {
  switch (code) {
    case AamvaErrc::Empty: return "empty";
    case AamvaErrc::NotAamva: return "not-aamva";
    case AamvaErrc::Truncated: return "truncated";
    case AamvaErrc::Oversized: return "oversized";
    case AamvaErrc::MissingSeparators: return "missing-separators";
    case AamvaErrc::NoIdentitySubfile: return "no-identity-subfile";
    case AamvaErrc::MissingDocumentNumber: return "missing-document-number";
    case AamvaErrc::MissingFamilyName: return "missing-family-name";
    case AamvaErrc::MissingBirthDate: return "missing-birth-date";
    case AamvaErrc::ImpossibleDate: return "impossible-date";
    case AamvaErrc::BirthDateInFuture: return "birth-date-in-future";
    case AamvaErrc::BirthDateTooOld: return "birth-date-too-old";
    case AamvaErrc::ControlCharacters: return "control-characters";
    case AamvaErrc::UnknownIssuer: return "unknown-issuer";
    case AamvaErrc::IssuerMismatch: return "issuer-mismatch";
    case AamvaErrc::DamagedBarcode: return "damaged-barcode";
  }
  return "unknown";
}

// Each message says what happened in words a client understands, then what to do: scan again
// when a better read can help, ask an associate when the card itself is the problem.
Bilingual message(AamvaErrc code) {
  switch (code) {
    case AamvaErrc::Empty:
      return {"Nothing was read. Please scan the barcode on the back of your card again.",
              "Rien n'a été lu. Veuillez scanner de nouveau le code-barres au dos de votre carte."};
    case AamvaErrc::NotAamva:
      return {
          "This is not the barcode of a driver's licence or ID card. Please scan the large "
          "barcode on the back of your card.",
          "Ce code-barres n'est pas celui d'un permis de conduire ou d'une carte d'identité. "
          "Veuillez scanner le grand code-barres au dos de votre carte."};
    case AamvaErrc::Truncated:
      return {"Only part of the barcode was read. Please scan it again, holding the card still.",
              "Le code-barres n'a été lu qu'en partie. Veuillez le scanner de nouveau en tenant la "
              "carte immobile."};
    case AamvaErrc::Oversized:
      return {
          "This barcode holds far more data than an ID card can. Please scan the barcode on the "
          "back of your driver's licence or ID card.",
          "Ce code-barres contient bien plus de données qu'une carte d'identité. Veuillez scanner "
          "le code-barres au dos de votre permis de conduire ou de votre carte d'identité."};
    case AamvaErrc::MissingSeparators:
      return {
          "The scanner changed the barcode while reading it. Please ask a store associate for "
          "help.",
          "Le lecteur a modifié le code-barres pendant la lecture. Veuillez demander l'aide d'un "
          "membre du personnel."};
    case AamvaErrc::NoIdentitySubfile:
      return {
          "This barcode holds no driver's licence or ID card information. Please scan the barcode "
          "on the back of a driver's licence or ID card, or ask a store associate for help.",
          "Ce code-barres ne contient aucune donnée de permis de conduire ou de carte d'identité. "
          "Veuillez scanner le code-barres au dos d'un permis de conduire ou d'une carte "
          "d'identité, ou demander l'aide d'un membre du personnel."};
    case AamvaErrc::MissingDocumentNumber:
      return {
          "Your card's barcode has no document number, so the card cannot be used here. Please "
          "ask a store associate for help.",
          "Le code-barres de votre carte ne contient pas de numéro de document\u00a0: la carte ne "
          "peut pas être utilisée ici. Veuillez demander l'aide d'un membre du personnel."};
    case AamvaErrc::MissingFamilyName:
      return {
          "Your card's barcode has no family name, so the card cannot be used here. Please ask "
          "a store associate for help.",
          "Le code-barres de votre carte ne contient pas de nom de famille\u00a0: la carte ne peut "
          "pas être utilisée ici. Veuillez demander l'aide d'un membre du personnel."};
    case AamvaErrc::MissingBirthDate:
      return {
          "Your card's barcode has no date of birth, so the card cannot be used here. Please "
          "ask a store associate for help.",
          "Le code-barres de votre carte ne contient pas de date de naissance\u00a0: la carte ne "
          "peut pas être utilisée ici. Veuillez demander l'aide d'un membre du personnel."};
    case AamvaErrc::ImpossibleDate:
      return {
          "A date on your card could not be read. Please scan it again. If this message comes "
          "back, ask a store associate for help.",
          "Une date de votre carte n'a pas pu être lue. Veuillez la scanner de nouveau. Si ce "
          "message revient, demandez l'aide d'un membre du personnel."};
    case AamvaErrc::BirthDateInFuture:
      return {
          "The date of birth on your card is in the future, so the card cannot be used here. "
          "Please ask a store associate for help.",
          "La date de naissance sur votre carte est dans le futur\u00a0: la carte ne peut pas être "
          "utilisée ici. Veuillez demander l'aide d'un membre du personnel."};
    case AamvaErrc::BirthDateTooOld:
      return {
          "The date of birth on your card is more than 120 years ago, so the card cannot be "
          "used here. Please ask a store associate for help.",
          "La date de naissance sur votre carte remonte à plus de 120 ans\u00a0: la carte ne peut "
          "pas être utilisée ici. Veuillez demander l'aide d'un membre du personnel."};
    case AamvaErrc::ControlCharacters:
      return {
          "The barcode was read with errors. Please scan it again. If this message comes back, "
          "ask a store associate for help.",
          "Le code-barres a été lu avec des erreurs. Veuillez le scanner de nouveau. Si ce "
          "message revient, demandez l'aide d'un membre du personnel."};
    case AamvaErrc::UnknownIssuer:
      return {
          "We do not recognize the province or state that issued this card. Please ask a store "
          "associate for help.",
          "Nous ne reconnaissons pas la province ou l'État qui a délivré cette carte. Veuillez "
          "demander l'aide d'un membre du personnel."};
    case AamvaErrc::IssuerMismatch:
      return {
          "This card's barcode contradicts itself about who issued the card. Please ask a store "
          "associate for help.",
          "Le code-barres de cette carte se contredit sur l'autorité qui l'a délivrée. Veuillez "
          "demander l'aide d'un membre du personnel."};
    case AamvaErrc::DamagedBarcode:
      return {
          "The barcode on your card is damaged and cannot be read. Please ask a store associate "
          "for help.",
          "Le code-barres de votre carte est endommagé et ne peut pas être lu. Veuillez demander "
          "l'aide d'un membre du personnel."};
  }
  return {"This card cannot be read. Please ask a store associate for help.",
          "Cette carte ne peut pas être lue. Veuillez demander l'aide d'un membre du personnel."};
}

}  // namespace kiosk::identity
