#include "kiosk/app/app.hpp"

#include <imgui.h>

#include <system_error>

#include "kiosk/app/demo_identity.hpp"
#include "kiosk/core/identity/iin_table.hpp"
#include "kiosk/core/identity/issuer_names_fr.hpp"
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
                                      std::chrono::seconds(config_.inactivity_timeout_seconds)}) {}

App::~App() {
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
  logger.info("app", "display ready: " + app->platform_->describe());
  return app;
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
  return model;
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
  struct Stop {
    const char* name;
    const char* tap_before;  // touch target to press first, if any
  };
  session_.apply(action::Cancel{});
  for (Language language : {Language::English, Language::French}) {
    const std::string suffix(language_code(language));
    session_.apply(action::Cancel{});
    if (auto s = screenshot("01-welcome-" + suffix); !s) return s;
    frame();
    if (!tap_target(language == Language::French ? "welcome.start.fr" : "welcome.start.en")) {
      return fail(AppError{AppErrc::ScreenshotFailed, "welcome screen has no start button"});
    }
    if (auto s = screenshot("02-scan-id-" + suffix); !s) return s;
    const std::string not_a_licence = "https://example.com/promo";
    deliver_scan(std::span(reinterpret_cast<const std::uint8_t*>(not_a_licence.data()), not_a_licence.size()));
    if (auto s = screenshot("03-scan-refused-" + suffix); !s) return s;
    deliver_scan(demo_licence_payload(clock_.today()));
    if (auto s = screenshot("04-confirm-identity-" + suffix); !s) return s;
  }
  session_.go_out_of_service();
  if (auto s = screenshot("99-out-of-service"); !s) return s;
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
  const PlatformEvents events = platform_->wait_events(wait);
  if (events.quit) return false;
  if (events.input) frames_pending_ = std::max(frames_pending_, kFramesAfterChange);
  if (session_.tick()) {
    logger_.info("session", "cleared after inactivity");
    frames_pending_ = kFramesAfterChange;
  }
  if (frames_pending_ > 0 || animating_ || session_.time_until_reset()) {
    frame();
    if (frames_pending_ > 0) --frames_pending_;
  }
  return true;
}

}  // namespace kiosk
