#include "kiosk/core/identity/aamva_error.hpp"
#include "kiosk/core/session.hpp"

namespace kiosk {

Bilingual ScanRefusal::message() const {
  switch (reason) {
    case Reason::Unreadable: return identity::message(unreadable_code);
    case Reason::Expired:
      return {
          "This card has expired. Please scan a valid driver’s licence or ID card, or ask a store "
          "associate for help.",
          "Cette carte est expirée. Veuillez balayer un permis de conduire ou une carte "
          "d’identité valide, ou demander l’aide d’un conseiller."};
    case Reason::UnderAge:
      return {
          "You must be of the age of majority to record your choices here. Please ask an associate "
          "to help you.",
          "Vous devez avoir l’âge de la majorité pour enregistrer vos choix ici. Veuillez demander "
          "l’aide d’un conseiller."};
  }
  return {"", ""};
}

std::string_view ScanRefusal::code() const {
  switch (reason) {
    case Reason::Unreadable: return identity::to_string(unreadable_code);
    case Reason::Expired: return "expired";
    case Reason::UnderAge: return "under-age";
  }
  return "unknown";
}

}  // namespace kiosk
