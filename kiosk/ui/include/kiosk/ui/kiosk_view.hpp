#pragma once
// The whole kiosk view: one call per frame draws the current screen full-window and returns
// what the person did, if anything. It owns no rules; KioskSession decides what happens next.

#include <optional>
#include <string>

#include "kiosk/core/session.hpp"
#include "kiosk/ui/hit_regions.hpp"
#include "kiosk/ui/theme.hpp"

namespace kiosk::ui {

struct ViewModel {
  Screen screen = Screen::Welcome;
  Language language = Language::English;
  std::string store_name;
  // Seconds before an untouched session clears itself; shown as a countdown near the end.
  std::optional<int> seconds_until_reset;
  // What the card says, shown on the confirmation screen. Never logged, never stored.
  struct IdentityShown {
    std::string full_name;
    std::string document_masked;  // "…1234"
    std::string issuer_name;      // "Ontario"
    bool is_licence = true;
  };
  std::optional<IdentityShown> identity;
  // Why the last card was refused, already in the session's language.
  std::string scan_problem;
  // Why the kiosk is out of service, already in the technician's words.
  std::string out_of_service_reason;
};

struct FrameResult {
  std::optional<SessionAction> action;
  // True while something moves on screen, so the loop keeps drawing; otherwise it sleeps.
  bool animating = false;
};

class KioskView {
 public:
  explicit KioskView(Fonts fonts) : fonts_(fonts) {}

  FrameResult draw(const ViewModel& model, double time_seconds);
  const HitRegions& hit_regions() const { return hits_; }

 private:
  Fonts fonts_;
  HitRegions hits_;
};

}  // namespace kiosk::ui
