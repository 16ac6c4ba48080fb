#include "kiosk/drivers/scanner/scan_source.hpp"

namespace kiosk::drivers {

Bilingual describe(SourceState state) {
  switch (state) {
    case SourceState::Stopped: return {"stopped", "arrêté"};
    case SourceState::Waiting:
      return {"no scanner connected — waiting", "aucun lecteur branché — en attente"};
    case SourceState::Connected: return {"connected", "connecté"};
    case SourceState::Listening: return {"listening", "à l'écoute"};
    case SourceState::Replaying: return {"replaying recorded scans", "relecture de lectures enregistrées"};
    case SourceState::PermissionDenied:
      return {"permission denied (is the kiosk's udev rule installed?)",
              "permission refusée (la règle udev du kiosque est-elle installée?)"};
    case SourceState::Busy:
      return {"scanner in use by another program", "lecteur utilisé par un autre programme"};
    case SourceState::Failed: return {"scanner unavailable", "lecteur indisponible"};
    case SourceState::Finished: return {"finished — all items delivered", "terminé — tout a été remis"};
  }
  return {"unknown", "inconnu"};
}

std::string_view to_string(SourceState state) {
  switch (state) {
    case SourceState::Stopped: return "stopped";
    case SourceState::Waiting: return "waiting";
    case SourceState::Connected: return "connected";
    case SourceState::Listening: return "listening";
    case SourceState::Replaying: return "replaying";
    case SourceState::PermissionDenied: return "permission-denied";
    case SourceState::Busy: return "busy";
    case SourceState::Failed: return "failed";
    case SourceState::Finished: return "finished";
  }
  return "unknown";
}

std::string SourceStatus::text(Language language) const {
  std::string text(describe(state).in(language));
  if (!detail.empty()) text += ": " + detail;
  return text;
}

}  // namespace kiosk::drivers
