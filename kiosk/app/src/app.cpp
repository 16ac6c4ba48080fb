#include "kiosk/app/app.hpp"

#include <imgui.h>

#include <system_error>

#include "kiosk/app/config_options.hpp"
#include "kiosk/app/demo_identity.hpp"
#include "kiosk/app/process_hardening.hpp"
#include "kiosk/app/receipt_desk.hpp"
#include "kiosk/app/session_store_worker.hpp"
#include "kiosk/core/identity/aamva_dates.hpp"
#include "kiosk/core/identity/iin_table.hpp"
#include "kiosk/core/identity/issuer_names_fr.hpp"
#include "kiosk/store/consent_service.hpp"
#include "kiosk/store/policy_assets.hpp"
#include "kiosk/sync/curl_https_transport.hpp"
#include "kiosk/sync/sync_worker.hpp"
#include "kiosk/text/kiosk_text.hpp"
#include "kiosk/ui/kiosk_view.hpp"
#include "kiosk/ui/layout.hpp"
#include "kiosk/ui/theme.hpp"

namespace kiosk {
namespace {

// ImGui settles a changed layout and a click's press/release over a few frames.
constexpr int kFramesAfterChange = 3;
constexpr auto kAnimationFrame = std::chrono::milliseconds(33);
constexpr auto kIdleWake = std::chrono::milliseconds(1000);

store::AuditEntry audit_entry_for(const staff::StaffEvent& event) {
  using Kind = staff::StaffEvent::Kind;
  switch (event.kind) {
    case Kind::TimedOut:
      return {event.staff_id, store::AuditAction::StaffLogout, "signed out after inactivity"};
    case Kind::ReturnedToService:
      return {event.staff_id, store::AuditAction::ReturnedToService, "kiosk back in service; signed out"};
    case Kind::StartedAssisted:
      return {event.staff_id, store::AuditAction::AssistedSessionStarted,
              "assisted session started; signed out"};
    case Kind::SignedOut: break;
  }
  return {event.staff_id, store::AuditAction::StaffLogout, "signed out"};
}

}  // namespace

std::string AppError::message() const {
  switch (code) {
    case AppErrc::FontUnavailable: return "font not usable: " + detail;
    case AppErrc::PlatformFailed: return "cannot open the display: " + detail;
    case AppErrc::ScreenshotFailed: return "cannot write screenshot: " + detail;
  }
  return detail;
}

App::App(KioskConfig config, AppOptions options, const Clock& clock, Logger& logger)
    : config_(std::move(config)),
      options_(std::move(options)),
      clock_(clock),
      logger_(logger),
      session_(clock, SessionSettings{config_.default_language,
                                      std::chrono::seconds(config_.inactivity_timeout_seconds),
                                      nullptr,
                                      {}}),
      staff_(clock, staff::StaffSessionSettings{config_.default_language, std::chrono::seconds{120}}) {}

App::~App() {
  // Every thread that wakes the platform stops first: delivery, the store's worker, the scanners.
  sync_worker_.reset();
  store_.reset();
  receipt_desk_.reset();
  staff_only_store_.reset();
  scan_sources_.reset();
  // The platform shuts ImGui's backends down, which needs the context still alive.
  view_.reset();
  platform_.reset();
  if (imgui_ != nullptr) ImGui::DestroyContext(imgui_);
}

Expected<std::unique_ptr<App>, AppError> App::create(KioskConfig config, AppOptions options,
                                                     const Clock& clock, Logger& logger) {
  std::unique_ptr<App> app(new App(std::move(config), std::move(options), clock, logger));
  app->imgui_ = ImGui::CreateContext();
  ImGuiIO& io = ImGui::GetIO();
  io.IniFilename = nullptr;  // a kiosk writes nothing it does not need to
  io.LogFilename = nullptr;

  PlatformOptions platform_options;
  platform_options.headless = app->options_.headless;
  platform_options.fullscreen = app->config_.fullscreen;
  platform_options.width = static_cast<int>(app->config_.width);
  platform_options.height = static_cast<int>(app->config_.height);
  auto platform = create_sdl_platform(platform_options);
  if (!platform) return fail(AppError{AppErrc::PlatformFailed, platform.error().detail});
  app->platform_ = std::move(platform).value();
  // Fonts are rasterised at the display's scale, so they need the window as it opened.
  const WindowSize window = app->platform_->window_size();
  const float scale = ui::layout_scale(static_cast<float>(window.width), static_cast<float>(window.height));
  auto fonts = ui::load_fonts(app->options_.font_file, scale);
  if (!fonts) return fail(AppError{AppErrc::FontUnavailable, fonts.error().detail});
  ui::apply_kiosk_style(scale);
  app->view_ = std::make_unique<ui::KioskView>(*fonts);
  app->scan_sources_ = std::make_unique<ScanSources>(app->config_, clock, logger);
  app->scan_sources_->start([platform = app->platform_.get()] { platform->wake(); });
  app->receipt_desk_ = std::make_unique<ReceiptDesk>(app->make_printer(), logger,
                                                     [platform = app->platform_.get()] { platform->wake(); });
  logger.info("app", "display ready: " + app->platform_->describe() + ", " + std::to_string(window.width) +
                         "x" + std::to_string(window.height) + ", layout scale " + std::to_string(scale));
  app->open_consent_store();
  return app;
}

std::unique_ptr<drivers::printer::ReceiptPrinter> App::make_printer() const {
  if (options_.printer_transport) {
    return std::make_unique<drivers::printer::EscPosPrinter>(options_.printer_transport());
  }
  if (!config_.has_printer()) return nullptr;
  drivers::printer::UsbPrinterOptions usb;
  usb.vendor_id = static_cast<std::uint16_t>(config_.printer_vendor_id);
  usb.product_id = static_cast<std::uint16_t>(config_.printer_product_id);
  return std::make_unique<drivers::printer::EscPosPrinter>(drivers::printer::make_usb_printer_transport(usb));
}

void App::open_consent_store() {
  // A kiosk that cannot record consents safely still starts: it shows why it is out of service
  // instead of a crash loop, and a tech reads the reason on screen and in the journal, or signs
  // in on the staff-only worker to read the diagnostics and return it to service.
  const store::StoreOptions options = store_options_for(config_, options_.data_dir);
  auto staff_only = [&] {
    staff_only_store_ =
        std::make_unique<SessionStoreWorker>(options.database, config_.kiosk_id, config_.enrolled(), clock_,
                                             logger_, [platform = platform_.get()] { platform->wake(); });
  };
  // Built once: the session keeps a pointer to it across a return to service.
  if (!model_) {
    const store::PolicyAssets assets = store::embedded_policy_assets();
    auto model = store::build_consent_model(assets);
    auto summary = store::build_policy_summary(assets);
    if (!model || !summary) {
      logger_.error("app", "consent model: " + (model ? summary.error().detail : model.error().detail));
      session_.go_out_of_service(text::app::policy_not_loaded);
      staff_only();
      return;
    }
    model_ = std::make_unique<consent::ConsentModel>(std::move(model).value());
    policy_summary_ = std::make_unique<consent::PolicySummary>(std::move(summary).value());
  }
  // The database, its journal and the keys live here: readable by the kiosk's user alone.
  if (auto folder = make_private_folder(options.database.parent_path()); !folder) {
    logger_.error("app", "data folder: " + folder.error().detail);
    session_.go_out_of_service(text::app::data_folder_not_private);
    staff_only();
    return;
  }
  auto service = store::ConsentService::open(options, *model_, clock_, logger_);
  if (!service) {
    logger_.error("app", std::string("consent store: ") +
                             std::string(store::to_string(service.error().code)) + ": " +
                             service.error().detail);
    session_.go_out_of_service(service.error().explanation());
    staff_only();
    return;
  }
  // An enrolled kiosk asks head office for a client's choices and delivers its outbox; both
  // trust only the certificate the store checked against the database.
  std::unique_ptr<sync::HttpsTransport> lookups;
  if (const auto& trust = service->keys().trust) {
    lookups = std::make_unique<sync::CurlHttpsTransport>(lookup_endpoint_for(config_, *trust));
    const KioskConfig& config = config_;
    sync_worker_ = std::make_unique<sync::SyncWorker>(
        sync_worker_options_for(config_, options),
        [&config](const store::HeadOfficeTrust& checked) {
          return std::make_unique<sync::CurlHttpsTransport>(upload_endpoint_for(config, checked));
        },
        clock_, logger_);
  }
  store_ = std::make_unique<SessionStoreWorker>(
      std::make_unique<store::ConsentService>(std::move(service).value()), std::move(lookups), clock_,
      logger_, [platform = platform_.get()] { platform->wake(); });
  staff_only_store_.reset();
  session_.attach_model(*model_);
  logger_.info("app", "consent store ready (" + std::string(store::to_string(options.keys.mode)) +
                          "), policy " + model_->version().substr(0, 12));
}

bool App::exchange_with_store() {
  if (store_) {
    if (session_.serial() != store_serial_) {
      // A new session: whatever the worker holds of the last client goes.
      if (store_serial_ != 0) store_->forget_client();
      receipt_desk_->forget();
      store_serial_ = session_.serial();
      lookup_sent_.reset();
    }
    if (session_.wants_client_state() && lookup_sent_ != session_.serial()) {
      const identity::IdDocument& document = *session_.identity();
      store_->look_up(session_.serial(),
                      {document.issuer, document.document_number, document.family_name, document.given_names,
                       document.date_of_birth ? identity::iso_date(*document.date_of_birth) : ""});
      lookup_sent_ = session_.serial();
    }
    if (auto pending = session_.take_pending_record())
      store_->commit(session_.serial(), std::move(pending->record), std::move(pending->agent_identity));
  }
  bool changed = exchange_staff_requests();
  // After the staff requests: a tech's return to service may have replaced the workers.
  SessionStoreWorker* worker = staff_store();
  while (auto reply = worker != nullptr ? worker->take_reply() : std::nullopt) {
    if (auto* checked = std::get_if<PinChecked>(&*reply)) {
      staff_.on_pin_checked(checked->serial, checked->verdict);
      if (staff_.role()) worker->diagnose();
      changed = true;
      continue;
    }
    if (auto* diagnosed = std::get_if<Diagnosed>(&*reply)) {
      diagnostics_ = std::move(diagnosed->report);
      changed = true;
      continue;
    }
    const bool committed = std::holds_alternative<RecordCommitted>(*reply);
    if (auto* saved = std::get_if<RecordCommitted>(&*reply);
        saved && saved->record && saved->serial == session_.serial()) {
      receipt::ReceiptSource source;
      source.kiosk_id = config_.kiosk_id;
      source.store_name = config_.store_name;
      source.time_zone = config_.time_zone;
      // The client is still at the kiosk: their paper may name them, by first name and the masked
      // number only. The receipt lives in memory until the session ends.
      if (const identity::IdDocument* document = session_.identity()) {
        source.holder =
            receipt::ReceiptHolder{document->given_names.substr(0, document->given_names.find(' ')),
                                   document->document_number_masked()};
      }
      receipt_desk_->on_committed(saved->serial, *saved->record, std::move(saved->receipt_code), *model_,
                                  source);
    }
    changed = deliver_store_reply(session_, std::move(*reply), logger_) || changed;
    if (committed && sync_worker_) sync_worker_->wake();
  }
  return changed;
}

bool App::settle_printer(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (receipt_desk_->printing()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    step(std::chrono::milliseconds{20});
  }
  frame();
  return true;
}

bool App::settle_store(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (session_.waiting_for_store() || staff_.checking() || (staff_store() && staff_store()->busy())) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    step(std::chrono::milliseconds{20});
  }
  frame();
  return true;
}

void App::deliver_scan(std::span<const std::uint8_t> payload) {
  const bool agent_card = session_.assisted().step() == AssistedStep::AgentScan;
  session_.on_scan(payload);
  // Only the outcome's code is logged: the card's content never reaches a log.
  if (agent_card) {
    const auto& refusal = session_.assisted().agent_refusal();
    logger_.info("assisted", refusal ? "agent's card refused: " + std::string(refusal->code)
                                     : std::string("agent's card accepted"));
  } else if (const auto& refusal = session_.scan_refusal()) {
    logger_.info("session", std::string("scan refused: ") + std::string(refusal->code()));
  } else {
    logger_.info("session", "scan accepted");
  }
  frames_pending_ = kFramesAfterChange;
}

void App::frame(RgbaImage* capture) {
  platform_->begin_frame();
  ImGui::NewFrame();
  const ui::ViewModel model = view_model();
  const double seconds = std::chrono::duration<double>(clock_.steady_now().time_since_epoch()).count();
  ui::FrameResult result = view_->draw(model, seconds);
  ImGui::Render();
  platform_->end_frame(capture);
  ++frames_drawn_;
  animating_ = result.animating;
  if (result.staff_action) {
    apply_staff_action(*result.staff_action);
    frames_pending_ = kFramesAfterChange;
  }
  if (result.assisted_action) {
    const AssistedStep before = session_.assisted().step();
    session_.apply(*result.assisted_action);
    if (session_.assisted().step() != before) {
      logger_.info("assisted", std::string("step ") + std::string(to_string(before)) + " -> " +
                                   std::string(to_string(session_.assisted().step())));
    }
    frames_pending_ = kFramesAfterChange;
  }
  if (result.action) {
    const Screen before = session_.screen();
    session_.apply(*result.action);
    if (session_.screen() != before) {
      logger_.info("session", std::string("screen ") + std::string(to_string(before)) + " -> " +
                                  std::string(to_string(session_.screen())));
    }
    frames_pending_ = kFramesAfterChange;
  }
  if (result.print_receipt && receipt_desk_->print(session_.serial())) frames_pending_ = kFramesAfterChange;
  if (exchange_with_store()) frames_pending_ = kFramesAfterChange;
  if (receipt_desk_->poll()) frames_pending_ = kFramesAfterChange;
}

void App::tap(float x, float y) {
  platform_->set_pointer(x, y, true);
  frame();
  frame();
  platform_->set_pointer(x, y, false);
  frame();
  frame();
}

void App::drag(float x, float from_y, float to_y) {
  platform_->set_pointer(x, from_y, true);
  frame();
  frame();
  constexpr int kSteps = 8;
  for (int step = 1; step <= kSteps; ++step) {
    platform_->set_pointer(x, from_y + (to_y - from_y) * static_cast<float>(step) / kSteps, true);
    frame();
  }
  platform_->set_pointer(x, to_y, false);
  frame();
  frame();
}

bool App::scroll_into_view(const std::string& id, float bottom_y) {
  constexpr int kMostDrags = 20;
  for (int i = 0; i < kMostDrags; ++i) {
    const auto rect = view_->hit_regions().find(id);
    if (!rect) return false;
    if (rect->y + rect->h < bottom_y) return true;
    drag(std::max(rect->x - 60, 1.0f), bottom_y - 40, bottom_y - 200);
  }
  return false;
}

std::optional<ui::Rect> App::target_rect(const std::string& id) const {
  return view_->hit_regions().find(id);
}

bool App::tap_target(const std::string& id) {
  auto rect = view_->hit_regions().find(id);
  if (!rect) return false;
  tap(rect->center_x(), rect->center_y());
  return true;
}

Status<AppError> App::screenshot(const std::string& name) {
  if (!options_.screenshot_dir) return fail(AppError{AppErrc::ScreenshotFailed, "no --screenshot-dir"});
  std::error_code ec;
  std::filesystem::create_directories(*options_.screenshot_dir, ec);
  for (int i = 0; i < kFramesAfterChange; ++i) frame();
  RgbaImage image;
  frame(&image);
  const auto file = *options_.screenshot_dir / (name + ".png");
  auto written = write_png(image, file);
  if (!written) return fail(AppError{AppErrc::ScreenshotFailed, file.string()});
  logger_.info("app", "screenshot " + file.string());
  if (options_.on_screenshot) options_.on_screenshot(name, view_->hit_regions());
  return Ok{};
}

void App::apply_staff_action(const staff::StaffAction& action) {
  const staff::StaffScreen before = staff_.screen();
  staff_.apply(action);
  if (auto associate = staff_.take_assisted_start()) {
    session_.begin_assisted(*associate, staff_.language());
    logger_.info("assisted", "session started by associate " + *associate);
  }
  if (staff_.screen() != before) {
    logger_.info("staff", std::string("screen ") + std::string(to_string(before)) + " -> " +
                              std::string(to_string(staff_.screen())));
  }
  // Every touch on a status screen (Refresh is one) asks for a fresh reading.
  if (staff_.role() && staff_store()) staff_store()->diagnose();
  if (!staff_.active()) {
    diagnostics_.reset();
    test_scan_.reset();
  }
}

bool App::exchange_staff_requests() {
  bool changed = false;
  if (auto check = staff_.take_pin_check()) {
    if (SessionStoreWorker* worker = staff_store()) {
      worker->check_pin(std::move(*check));
    } else {
      staff_.on_pin_checked(check->serial, std::nullopt);  // no database to check it against
      changed = true;
    }
  }
  if (staff_.take_return_to_service()) {
    const bool back = return_to_service();
    logger_.info("staff", back ? "returned to service" : "return to service failed: still out of service");
    staff_.on_return_to_service(back);
    changed = true;
  }
  for (const staff::StaffEvent& event : staff_.take_events()) {
    SessionStoreWorker* worker = staff_store();
    if (worker == nullptr) break;
    worker->record_staff_action(audit_entry_for(event));
  }
  if (auto associate = session_.take_assisted_ended()) {
    logger_.info("assisted", "session ended for associate " + *associate);
    if (SessionStoreWorker* worker = staff_store())
      worker->record_staff_action(
          {*associate, store::AuditAction::AssistedSessionEnded, "assisted session ended"});
  }
  return changed;
}

bool App::return_to_service() {
  if (session_.screen() != Screen::OutOfService) return true;
  // The store is opened again exactly as at startup: what failed then, or since, must pass now.
  sync_worker_.reset();
  store_.reset();
  store_serial_ = 0;
  lookup_sent_.reset();
  open_consent_store();
  if (!store_) return false;
  session_.return_to_service();
  return true;
}

void App::run() {
  while (step(kIdleWake)) {
  }
}

bool App::step(std::chrono::milliseconds max_wait) {
  std::chrono::milliseconds wait = max_wait;
  if (frames_pending_ > 0) {
    wait = std::chrono::milliseconds(0);
  } else if (animating_) {
    wait = std::min(max_wait, std::chrono::duration_cast<std::chrono::milliseconds>(kAnimationFrame));
  } else if (auto left = session_.time_until_reset()) {
    // Wake for the countdown's next second, or for the reset itself.
    wait = std::min(max_wait, *left % 1000 + std::chrono::milliseconds(1));
  }
  if (auto left = staff_.time_until_sign_out()) wait = std::min(wait, *left + std::chrono::milliseconds(1));
  PlatformEvents events = platform_->wait_events(wait);
  if (events.quit) return false;
  if (events.input) frames_pending_ = std::max(frames_pending_, kFramesAfterChange);
  scan_sources_->take_keys(events.keys);
  while (auto scan = scan_sources_->queue().try_pop()) {
    // Behind the staff screens no client session may start; a tech's scan tests the reader.
    if (!staff_.active()) {
      deliver_scan(scan->payload);
    } else if (staff_.screen() == staff::StaffScreen::Diagnostics) {
      test_scan_ = describe_test_scan(scan->payload, clock_.today());
      frames_pending_ = kFramesAfterChange;
    }
  }
  if (staff_.tick()) {
    test_scan_.reset();
    logger_.info("staff", "signed out after inactivity");
    frames_pending_ = kFramesAfterChange;
  }
  if (session_.tick()) {
    logger_.info("session", "cleared after inactivity");
    frames_pending_ = kFramesAfterChange;
  }
  if (exchange_with_store()) frames_pending_ = kFramesAfterChange;
  if (receipt_desk_->poll()) frames_pending_ = kFramesAfterChange;
  if (frames_pending_ > 0 || animating_ || session_.time_until_reset()) {
    frame();
    if (frames_pending_ > 0) --frames_pending_;
  }
  return true;
}

}  // namespace kiosk
