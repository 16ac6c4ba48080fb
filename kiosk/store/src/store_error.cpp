#include "kiosk/store/store_error.hpp"

#include <sqlite3.h>

namespace kiosk::store {

std::string_view to_string(StoreErrc code) {
  switch (code) {
    case StoreErrc::DiskFull: return "store-disk-full";
    case StoreErrc::Locked: return "store-locked";
    case StoreErrc::IoError: return "store-io-error";
    case StoreErrc::Corrupt: return "store-corrupt";
    case StoreErrc::CannotOpen: return "store-cannot-open";
    case StoreErrc::NotFound: return "store-not-found";
    case StoreErrc::KeyFile: return "store-key-file";
    case StoreErrc::SchemaTooNew: return "store-schema-too-new";
    case StoreErrc::Internal: return "store-internal";
  }
  return "store-error";
}

Bilingual StoreError::message() const {
  switch (code) {
    case StoreErrc::DiskFull:
      return {
          "The kiosk's storage is full. Nothing was lost; please ask an associate for help.",
          "Le stockage de la borne est plein. Rien n’a été perdu; veuillez demander l’aide d’un conseiller."};
    case StoreErrc::Locked:
      return {"The kiosk is busy saving. Please wait a moment or ask an associate.",
              "La borne est occupée à enregistrer. Veuillez patienter un instant ou demander l’aide d’un "
              "conseiller."};
    case StoreErrc::IoError:
      return {"The kiosk could not write to its storage. Nothing was lost; a technician has been alerted.",
              "La borne n’a pas pu écrire dans son stockage. Rien n’a été perdu; un technicien a été avisé."};
    case StoreErrc::Corrupt:
      return {"The kiosk's records are damaged and were set aside for a technician.",
              "Les registres de la borne sont endommagés et ont été mis de côté pour un technicien."};
    case StoreErrc::CannotOpen:
    case StoreErrc::NotFound:
      return {"The kiosk cannot open its records. A technician must look at it.",
              "La borne ne peut pas ouvrir ses registres. Un technicien doit l’examiner."};
    case StoreErrc::KeyFile:
      return {
          "The kiosk's security keys are missing, damaged or not protected. A technician must look at it.",
          "Les clés de sécurité de la borne sont absentes, endommagées ou mal protégées. Un technicien doit "
          "l’examiner."};
    case StoreErrc::SchemaTooNew:
      return {"The kiosk's records come from a newer version. A technician must update the kiosk.",
              "Les registres de la borne proviennent d’une version plus récente. Un technicien doit mettre "
              "la borne à "
              "jour."};
    case StoreErrc::Internal: break;
  }
  return {"The kiosk is out of service. A technician has been alerted.",
          "La borne est hors service. Un technicien a été avisé."};
}

BilingualText StoreError::explanation() const {
  const Bilingual generic = message();
  if (detail_fr.empty()) return generic;
  return {std::string(generic.en) + "\n" + detail, std::string(generic.fr) + "\n" + detail_fr};
}

StoreError sqlite_error(int result_code, std::string detail) {
  detail += std::string(": ") + sqlite3_errstr(result_code);
  switch (result_code & 0xff) {
    case SQLITE_FULL: return {StoreErrc::DiskFull, std::move(detail)};
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return {StoreErrc::Locked, std::move(detail)};
    case SQLITE_IOERR: return {StoreErrc::IoError, std::move(detail)};
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB: return {StoreErrc::Corrupt, std::move(detail)};
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH: return {StoreErrc::CannotOpen, std::move(detail)};
    default: return {StoreErrc::Internal, std::move(detail)};
  }
}

}  // namespace kiosk::store
