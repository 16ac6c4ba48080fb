#include "kiosk/core/identity/aamva_error.hpp"
#include "kiosk/core/session.hpp"

namespace kiosk {

Bilingual ScanRefusal::message() const {
  switch (reason) {
    case Reason::Unreadable: return identity::message(unreadable_code);
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
    case Reason::UnderAge: return "under-age";
  }
  return "unknown";
}

}  // namespace kiosk
