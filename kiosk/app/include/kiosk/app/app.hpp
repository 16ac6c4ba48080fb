#pragma once
// Wires the parts of a running kiosk together: config, clock, logger, session, view, platform.
// There is one App per process and nothing global; tests build their own.

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>

#include "kiosk/app/image.hpp"
#include "kiosk/app/kiosk_config.hpp"
#include "kiosk/app/platform.hpp"
#include "kiosk/app/scan_sources.hpp"
#include "kiosk/app/staff_diagnostics.hpp"
#include "kiosk/app/tech_status.hpp"
#include "kiosk/core/clock.hpp"
#include "kiosk/core/logger.hpp"
#include "kiosk/core/session.hpp"
#include "kiosk/core/staff/staff_session.hpp"
#include "kiosk/drivers/printer/receipt_printer.hpp"
#include "kiosk/ui/hit_regions.hpp"

struct ImGuiContext;

namespace kiosk::consent {
class ConsentModel;
struct PolicySummary;
}  // namespace kiosk::consent
namespace kiosk::sync {
class SyncWorker;
}

namespace kiosk {
class SessionStoreWorker;
class ReceiptDesk;
namespace ui {
class KioskView;
struct ViewModel;
}  // namespace ui

struct AppOptions {
  bool headless = false;
  std::optional<std::filesystem::path> screenshot_dir;
  std::filesystem::path font_file;
  // Where the database and key files live; a relative storage.database is taken from here.
  std::filesystem::path data_dir;
  // The receipt printer's wire instead of USB (tests, headless demos): a printer is then present
  // whatever the config says.
  std::function<std::unique_ptr<drivers::printer::PrinterTransport>()> printer_transport;
  // Told each screenshot's name and the touch targets of the frame it shows: tests check every
  // screen of the tour for clipping at each display size.
  std::function<void(const std::string& name, const ui::HitRegions& hits)> on_screenshot;
  // Moves the app's clock ahead (the tour's countdown screenshot); empty: the tour skips that shot.
  std::function<void(std::chrono::milliseconds)> advance_clock;
};

enum class AppErrc { FontUnavailable, PlatformFailed, ScreenshotFailed };

struct AppError {
  AppErrc code;
  std::string detail;
  std::string message() const;
};

class App {
 public:
  static Expected<std::unique_ptr<App>, AppError> create(KioskConfig config, AppOptions options,
                                                         const Clock& clock, Logger& logger);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // The main loop: draws only when something changed or moves, until the window closes.
  void run();
  // One turn of the main loop: waits up to `max_wait` for input, draws if needed. False on quit.
  bool step(std::chrono::milliseconds max_wait);
  // Draws one frame now and applies whatever the person did in it.
  void frame(RgbaImage* capture = nullptr);
  // A complete barcode from any scanner, handed to the session.
  void deliver_scan(std::span<const std::uint8_t> payload);
  // Presses and lifts at window coordinates across the frames ImGui needs to see a click.
  void tap(float x, float y);
  // Presses at (x, from_y), slides the finger to (x, to_y) over several frames, and lifts: how a
  // client scrolls a list.
  void drag(float x, float from_y, float to_y);
  // Taps the centre of a named touch target from the last frame; false when it was not drawn.
  bool tap_target(const std::string& id);
  // Drags the list under a touch target up until the target ends above `bottom_y` (the top of
  // the buttons under the list), starting left of the target, where a row's words are. False
  // when the target is gone or never gets there.
  bool scroll_into_view(const std::string& id, float bottom_y);
  // Where a named touch target was drawn in the last frame.
  std::optional<ui::Rect> target_rect(const std::string& id) const;
  // Draws a settled frame and saves it as DIR/NAME.png.
  Status<AppError> screenshot(const std::string& name);
  // Walks every screen in English and French, saving one PNG each into the screenshot dir.
  // A demo kiosk's tour enrolls the demo staff (tour_staff.hpp) to show the staff screens.
  Status<AppError> tour();
  // Turns the loop until the store has answered what the session asked (a look-up, a commit),
  // or `timeout` passes; false on timeout. For the tour and tests: the loop itself never waits.
  bool settle_store(std::chrono::milliseconds timeout = std::chrono::seconds{30});

  KioskSession& session() { return session_; }
  staff::StaffSession& staff() { return staff_; }
  // Every scanner source; step() hands their scans to deliver_scan().
  ScanSources& scan_sources() { return *scan_sources_; }
  const Platform& platform() const { return *platform_; }
  std::uint64_t frames_drawn() const { return frames_drawn_; }
  // What the screen is given to draw now.
  ui::ViewModel view_model() const;
  // The background delivery to head office; null for a kiosk that is not enrolled.
  sync::SyncWorker* sync_worker() { return sync_worker_.get(); }
  // The saved client's receipt and its printing.
  ReceiptDesk& receipt_desk() { return *receipt_desk_; }
  // Turns the loop until the printer has answered, or `timeout` passes; false on timeout.
  bool settle_printer(std::chrono::milliseconds timeout = std::chrono::seconds{30});

 private:
  App(KioskConfig config, AppOptions options, const Clock& clock, Logger& logger);
  // Passes what the session asks of the store to its worker, and the worker's replies back.
  // True when a reply changed what is on screen.
  bool exchange_with_store();
  void open_consent_store();
  void add_consent_view(ui::ViewModel& model) const;
  void add_receipt_view(ui::ViewModel& model) const;
  std::unique_ptr<drivers::printer::ReceiptPrinter> make_printer() const;
  void add_staff_view(ui::ViewModel& model) const;
  void apply_staff_action(const staff::StaffAction& action);
  // Staff mode's requests to the store (PIN checks, audit entries, diagnostics) and a tech's
  // return to service. True when the screen may have changed.
  bool exchange_staff_requests();
  // Reopens the store as at startup; true when the kiosk is back in service.
  bool return_to_service();
  // Where staff requests go: the consent store's worker, else the staff-only one.
  SessionStoreWorker* staff_store() const { return store_ ? store_.get() : staff_only_store_.get(); }
  // The tour's steps (app_tour.cpp).
  Status<AppError> enroll_tour_staff();
  Status<AppError> press_target(const std::string& id);
  Status<AppError> type_on_keypad(std::string_view digits);
  Status<AppError> staff_sign_in(std::string_view id, std::string_view pin);
  Status<AppError> tour_staff_screens(Language language);
  // app_tour_assisted.cpp
  Status<AppError> tour_assisted_session(Language language, std::string_view associate, std::string_view pin);
  // The summary, a withdrawal's confirmation, the countdown and an expired card (app_tour_client.cpp).
  Status<AppError> tour_client_path(Language language);

  KioskConfig config_;
  AppOptions options_;
  const Clock& clock_;
  Logger& logger_;
  KioskSession session_;
  staff::StaffSession staff_;
  // The last diagnostics the store gathered for the staff screens.
  std::optional<StaffDiagnostics> diagnostics_;
  // A card a tech scanned on the diagnostics screen, as words only; cleared at sign-out.
  std::optional<TestScanReport> test_scan_;
  ImGuiContext* imgui_ = nullptr;
  std::unique_ptr<Platform> platform_;
  std::unique_ptr<ui::KioskView> view_;
  std::unique_ptr<consent::ConsentModel> model_;
  // The summary the policy screen opens on, and what changed between versions.
  std::unique_ptr<consent::PolicySummary> policy_summary_;
  std::unique_ptr<SessionStoreWorker> store_;
  // While the consent store is down: staff requests only, so a tech can still sign in.
  std::unique_ptr<SessionStoreWorker> staff_only_store_;
  std::unique_ptr<sync::SyncWorker> sync_worker_;
  std::unique_ptr<ReceiptDesk> receipt_desk_;
  // The session serial the store worker knows about, and whose look-up is on its way.
  std::uint64_t store_serial_ = 0;
  std::optional<std::uint64_t> lookup_sent_;
  std::unique_ptr<ScanSources> scan_sources_;
  std::uint64_t frames_drawn_ = 0;
  int frames_pending_ = 2;
  bool animating_ = false;
};

}  // namespace kiosk
