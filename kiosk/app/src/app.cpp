#include "kiosk/app/app.hpp"

#include <imgui.h>

#include <system_error>

#include "kiosk/app/config_options.hpp"
#include "kiosk/app/demo_identity.hpp"
#include "kiosk/app/receipt_desk.hpp"
#include "kiosk/app/session_store_worker.hpp"
#include "kiosk/core/identity/aamva_dates.hpp"
#include "kiosk/core/identity/iin_table.hpp"
#include "kiosk/core/identity/issuer_names_fr.hpp"
#include "kiosk/store/consent_service.hpp"
#include "kiosk/store/policy_assets.hpp"
#include "kiosk/sync/curl_https_transport.hpp"
#include "kiosk/sync/sync_worker.hpp"
#include "kiosk/ui/kiosk_view.hpp"
#include "kiosk/ui/theme.hpp"

namespace kiosk {
namespace {

// ImGui settles a changed layout and a click's press/release over a few frames.
constexpr int kFramesAfterChange = 3;
constexpr auto kAnimationFrame = std::chrono::milliseconds(33);
constexpr auto kIdleWake = std::chrono::milliseconds(1000);

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
                                      {}}) {}

App::~App() {
  // Every thread that wakes the platform stops first: delivery, the store's worker, the scanners.
  sync_worker_.reset();
  store_.reset();
  receipt_desk_.reset();
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

  auto fonts = ui::load_fonts(app->options_.font_file, 1.0f);
  if (!fonts) return fail(AppError{AppErrc::FontUnavailable, fonts.error().detail});
  ui::apply_kiosk_style(1.0f);

  PlatformOptions platform_options;
  platform_options.headless = app->options_.headless;
  platform_options.fullscreen = app->config_.fullscreen;
  platform_options.width = static_cast<int>(app->config_.width);
  platform_options.height = static_cast<int>(app->config_.height);
  auto platform = create_sdl_platform(platform_options);
  if (!platform) return fail(AppError{AppErrc::PlatformFailed, platform.error().detail});
  app->platform_ = std::move(platform).value();
  app->view_ = std::make_unique<ui::KioskView>(*fonts);
  app->scan_sources_ = std::make_unique<ScanSources>(app->config_, clock, logger);
  app->scan_sources_->start([platform = app->platform_.get()] { platform->wake(); });
  app->receipt_desk_ = std::make_unique<ReceiptDesk>(app->make_printer(), logger,
                                                     [platform = app->platform_.get()] { platform->wake(); });
  logger.info("app", "display ready: " + app->platform_->describe());
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
  // instead of a crash loop, and a tech reads the reason on screen and in the journal.
  auto model = store::build_consent_model(store::embedded_policy_assets());
  if (!model) {
    logger_.error("app", "consent model: " + model.error().detail);
    session_.go_out_of_service({"The privacy policy could not be loaded.",
                                "La politique de confidentialité n’a pas pu être chargée."});
    return;
  }
  model_ = std::make_unique<consent::ConsentModel>(std::move(model).value());
  const store::StoreOptions options = store_options_for(config_, options_.data_dir);
  std::error_code ec;
  std::filesystem::create_directories(options.database.parent_path(), ec);
  auto service = store::ConsentService::open(options, *model_, clock_, logger_);
  if (!service) {
    logger_.error("app", std::string("consent store: ") +
                             std::string(store::to_string(service.error().code)) + ": " +
                             service.error().detail);
    session_.go_out_of_service(service.error().explanation());
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
      std::make_unique<store::ConsentService>(std::move(service).value()), std::move(lookups), logger_,
      [platform = platform_.get()] { platform->wake(); });
  session_.attach_model(*model_);
  logger_.info("app", "consent store ready (" + std::string(store::to_string(options.keys.mode)) +
                          "), policy " + model_->version().substr(0, 12));
}

bool App::exchange_with_store() {
  if (!store_) return false;
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
    store_->commit(session_.serial(), std::move(pending->record));
  bool changed = false;
  while (auto reply = store_->take_reply()) {
    const bool committed = std::holds_alternative<RecordCommitted>(*reply);
    if (auto* saved = std::get_if<RecordCommitted>(&*reply);
        saved && saved->record && saved->serial == session_.serial()) {
      receipt::ReceiptSource source;
      source.kiosk_id = config_.kiosk_id;
      source.store_name = config_.store_name;
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
  while (session_.waiting_for_store() || (store_ && store_->busy())) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    step(std::chrono::milliseconds{20});
  }
  frame();
  return true;
}

ui::ViewModel App::view_model() const {
  ui::ViewModel model;
  model.screen = session_.screen();
  model.language = session_.language();
  model.store_name = config_.store_name;
  if (auto left = session_.time_until_reset()) {
    model.seconds_until_reset = static_cast<int>((left->count() + 999) / 1000);
  }
  if (const identity::IdDocument* document = session_.identity()) {
    ui::ViewModel::IdentityShown shown;
    shown.full_name = document->given_names.empty() ? document->family_name
                                                    : document->given_names + " " + document->family_name;
    shown.document_masked = document->document_number_masked();
    auto issuer = identity::issuer_by_code(document->issuer);
    auto french = identity::issuer_name_fr(document->issuer);
    shown.issuer_name = model.language == Language::French && french ? std::string(*french)
                        : issuer                                     ? std::string(issuer->name)
                                                                     : document->issuer;
    shown.is_licence = document->kind == "DL";
    model.identity = std::move(shown);
  }
  if (const auto& refusal = session_.scan_refusal()) {
    model.scan_problem = std::string(refusal->message().in(model.language));
  }
  if (model_) add_consent_view(model);
  const BilingualText& reason = session_.out_of_service_reason();
  model.out_of_service_reason = reason.en;
  if (!reason.fr.empty()) {
    model.out_of_service_reason += '\n';
    model.out_of_service_reason += reason.fr;
  }
  return model;
}

void App::add_consent_view(ui::ViewModel& model) const {
  const Language lang = model.language;
  model.policy_text = lang == Language::French ? model_->texts().fr : model_->texts().en;
  model.busy = session_.waiting_for_store();
  if (const auto& notice = session_.notice()) model.notice = std::string(notice->in(lang));
  if (const auto& state = session_.client_state()) {
    model.returning_client = state->policy_version_seen.has_value();
    model.head_office_unreachable = session_.client_state_origin() == ClientStateOrigin::KioskFallback;
  }
  auto granted = [](const std::vector<consent::ItemDecision>& decisions, std::string_view id) {
    for (const auto& d : decisions) {
      if (d.item_id == id) return d.decision == consent::Decision::Granted;
    }
    return false;
  };
  for (const consent::ConsentItem& item : model_->items()) {
    ui::ViewModel::ChoiceRow row;
    row.id = item.id;
    row.title = item.title.in(lang);
    row.text = item.text.in(lang);
    row.kind = !item.is_decision()        ? ui::ViewModel::ChoiceRow::Kind::Right
               : item.is_notice()         ? ui::ViewModel::ChoiceRow::Kind::Notice
               : item.client_may_refuse() ? ui::ViewModel::ChoiceRow::Kind::Choice
                                          : ui::ViewModel::ChoiceRow::Kind::Required;
    row.granted = granted(session_.draft(), item.id);
    model.choices.push_back(std::move(row));
  }
  if (const auto& saved = session_.saved_record()) {
    ui::ViewModel::Receipt receipt;
    receipt.record_id = saved->id;
    receipt.kind = std::string(consent::to_string(saved->kind));
    receipt.policy_version = saved->policy_version;
    for (const auto& decision : saved->decisions) {
      const consent::ConsentItem* item = model_->find(decision.item_id);
      // A notice was acknowledged, not agreed to: the receipt lists what the client decided.
      if (item == nullptr || item->is_notice()) continue;
      receipt.decisions.emplace_back(item->title.in(lang), decision.decision == consent::Decision::Granted);
    }
    model.receipt = std::move(receipt);
    add_receipt_view(model);
  }
}

void App::add_receipt_view(ui::ViewModel& model) const {
  auto shown = receipt_desk_->shown(session_.serial());
  if (!shown || !model.receipt) return;
  ui::ViewModel::Receipt& receipt = *model.receipt;
  receipt.qr_size = shown->qr.width;
  receipt.qr_modules = std::move(shown->qr.dots);
  receipt.can_print = shown->can_print;
  receipt.print = shown->print == PrintState::Printing  ? ui::ViewModel::Receipt::Print::Printing
                  : shown->print == PrintState::Printed ? ui::ViewModel::Receipt::Print::Printed
                  : shown->print == PrintState::Failed  ? ui::ViewModel::Receipt::Print::Failed
                                                        : ui::ViewModel::Receipt::Print::Idle;
  if (shown->print_error) {
    receipt.print_message =
        std::string(drivers::printer::client_message(*shown->print_error).in(model.language));
  }
}

void App::deliver_scan(std::span<const std::uint8_t> payload) {
  session_.on_scan(payload);
  // Only the outcome's code is logged: the card's content never reaches a log.
  if (const auto& refusal = session_.scan_refusal()) {
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
  return Ok{};
}

Status<AppError> App::tour() {
  auto shot = [this](const std::string& name) { return screenshot(name); };
  auto press = [this](const std::string& id) -> Status<AppError> {
    frame();
    if (!tap_target(id)) return fail(AppError{AppErrc::ScreenshotFailed, "tour: no touch target " + id});
    return Ok{};
  };
  for (Language language : {Language::English, Language::French}) {
    const std::string suffix(language_code(language));
    session_.apply(action::Cancel{});
    if (auto s = shot("01-welcome-" + suffix); !s) return s;
    if (auto s = press(language == Language::French ? "welcome.start.fr" : "welcome.start.en"); !s) return s;
    if (auto s = shot("02-scan-id-" + suffix); !s) return s;
    const std::string not_a_licence = "https://example.com/promo";
    deliver_scan(
        std::span(reinterpret_cast<const std::uint8_t*>(not_a_licence.data()), not_a_licence.size()));
    if (auto s = shot("03-scan-refused-" + suffix); !s) return s;
    deliver_scan(demo_licence_payload(clock_.today()));
    if (auto s = shot("04-confirm-identity-" + suffix); !s) return s;
    if (!store_) continue;  // out of service: the last shot shows why
    if (auto s = press("confirm.yes"); !s) return s;
    if (!settle_store())
      return fail(AppError{AppErrc::ScreenshotFailed, "tour: the client look-up did not end"});
    // The demo client is new the first time and returning the second: show the policy either way.
    if (session_.screen() == Screen::Choices) {
      if (auto s = press("choices.policy"); !s) return s;
    }
    if (auto s = shot("05-policy-" + suffix); !s) return s;
    if (auto s = press("policy.continue"); !s) return s;
    if (auto s = press("choice.marketing-analysis.no"); !s) return s;
    if (auto s = shot("06-choices-" + suffix); !s) return s;
    if (auto s = press("choices.save"); !s) return s;
    if (!settle_store()) return fail(AppError{AppErrc::ScreenshotFailed, "tour: the commit did not end"});
    if (auto s = shot("07-saved-" + suffix); !s) return s;
    if (session_.screen() != Screen::Saved) {
      return fail(AppError{AppErrc::ScreenshotFailed, "tour: the demo consent was not saved"});
    }
  }
  session_.go_out_of_service({"Demo: the consent store reported a full disk.",
                              "Démo : le stockage des consentements signale un disque plein."});
  if (auto s = shot("99-out-of-service"); !s) return s;
  return Ok{};
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
  PlatformEvents events = platform_->wait_events(wait);
  if (events.quit) return false;
  if (events.input) frames_pending_ = std::max(frames_pending_, kFramesAfterChange);
  scan_sources_->take_keys(events.keys);
  while (auto scan = scan_sources_->queue().try_pop()) deliver_scan(scan->payload);
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
