#include "kiosk/drivers/scanner/scan_source.hpp"

#include "kiosk/core/format_text.hpp"
#include "kiosk/text/kiosk_text.hpp"

namespace kiosk::drivers {

Bilingual describe(SourceState state) {
  switch (state) {
    case SourceState::Stopped: return text::scanner_state::stopped;
    case SourceState::Waiting: return text::scanner_state::waiting;
    case SourceState::Connected: return text::scanner_state::connected;
    case SourceState::Listening: return text::scanner_state::listening;
    case SourceState::Replaying: return text::scanner_state::replaying;
    case SourceState::PermissionDenied: return text::scanner_state::permission_denied;
    case SourceState::Busy: return text::scanner_state::busy;
    case SourceState::Failed: return text::scanner_state::failed;
    case SourceState::Finished: return text::scanner_state::finished;
  }
  return text::scanner_state::unknown;
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
  const std::string_view state_text = describe(state).in(language);
  if (detail.empty()) return std::string(state_text);
  return format_text(::kiosk::text::scanner_state::with_detail.in(language), std::string(state_text).c_str(),
                     detail.c_str());
}

}  // namespace kiosk::drivers
