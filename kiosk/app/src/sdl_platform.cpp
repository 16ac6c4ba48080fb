// The one file that includes SDL. Everything else sees the Platform interface.
#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_sdl.h>
#include <imgui_impl_sdlrenderer.h>

#include <cstdlib>
#include <optional>

#include "kiosk/app/platform.hpp"

namespace kiosk {
namespace {

class SdlPlatform final : public Platform {
 public:
  ~SdlPlatform() override {
    if (renderer_backend_) ImGui_ImplSDLRenderer_Shutdown();
    if (sdl_backend_) ImGui_ImplSDL2_Shutdown();
    if (renderer_ != nullptr) SDL_DestroyRenderer(renderer_);
    if (window_ != nullptr) SDL_DestroyWindow(window_);
    if (video_) SDL_Quit();
  }

  Expected<bool, PlatformError> open(const PlatformOptions& options) {
    if (options.headless && std::getenv("SDL_VIDEODRIVER") == nullptr) {
      // No display: draw into memory with SDL's software renderer.
      SDL_SetHint(SDL_HINT_VIDEODRIVER, "dummy");
    }
    // Fingers are handled here; SDL's synthetic mouse events would double every touch.
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_X11_NET_WM_BYPASS_COMPOSITOR, "0");
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
      return fail(PlatformError{PlatformErrc::VideoInitFailed, SDL_GetError()});
    }
    video_ = true;
    // SDL stamps events with milliseconds since SDL_Init; keys must carry steady_clock times.
    sdl_epoch_ = std::chrono::steady_clock::now() - std::chrono::milliseconds(SDL_GetTicks());
    wake_event_ = SDL_RegisterEvents(1);
    Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI;
    if (options.fullscreen && !options.headless) flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
    window_ = SDL_CreateWindow(options.title.c_str(), SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                               options.width, options.height, flags);
    if (window_ == nullptr) return fail(PlatformError{PlatformErrc::WindowFailed, SDL_GetError()});

    const bool software = options.headless || std::getenv("KIOSK_SOFTWARE_RENDERER") != nullptr;
    renderer_ = SDL_CreateRenderer(
        window_, -1, software ? SDL_RENDERER_SOFTWARE : SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    if (renderer_ == nullptr && !software) {
      // A kiosk without a working GPU driver still has to show its screens.
      renderer_ = SDL_CreateRenderer(window_, -1, SDL_RENDERER_SOFTWARE);
    }
    if (renderer_ == nullptr) return fail(PlatformError{PlatformErrc::RendererFailed, SDL_GetError()});
    if (!options.headless) SDL_ShowCursor(SDL_DISABLE);

    if (!ImGui_ImplSDL2_InitForSDLRenderer(window_)) {
      return fail(PlatformError{PlatformErrc::BackendFailed, "ImGui SDL2 backend"});
    }
    sdl_backend_ = true;
    if (!ImGui_ImplSDLRenderer_Init(renderer_)) {
      return fail(PlatformError{PlatformErrc::BackendFailed, "ImGui SDL_Renderer backend"});
    }
    renderer_backend_ = true;
    return true;
  }

  PlatformEvents wait_events(std::chrono::milliseconds timeout) override {
    PlatformEvents events;
    SDL_Event event;
    if (SDL_WaitEventTimeout(&event, static_cast<int>(timeout.count())) == 0) return events;
    do {
      handle(event, events);
    } while (SDL_PollEvent(&event) != 0);
    return events;
  }

  void begin_frame() override {
    ImGui_ImplSDLRenderer_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    // After the backend, which would otherwise overwrite it from SDL_GetMouseState().
    if (pointer_active_) {
      ImGuiIO& io = ImGui::GetIO();
      io.MousePos = ImVec2(pointer_x_, pointer_y_);
      io.MouseDown[0] = pointer_down_;
      if (!pointer_down_) {
        // Once a lifted finger's release has been seen, forget it so nothing stays hovered.
        if (++frames_since_release_ > 1) {
          pointer_active_ = false;
          io.MousePos = ImVec2(-FLT_MAX, -FLT_MAX);
        }
      }
    }
  }

  void end_frame(RgbaImage* capture) override {
    SDL_SetRenderDrawColor(renderer_, 247, 247, 252, 255);
    SDL_RenderClear(renderer_);
    ImGui_ImplSDLRenderer_RenderDrawData(ImGui::GetDrawData());
    if (capture != nullptr) read_pixels(*capture);
    SDL_RenderPresent(renderer_);
  }

  void set_pointer(float x, float y, bool down) override {
    pointer_active_ = true;
    pointer_x_ = x;
    pointer_y_ = y;
    pointer_down_ = down;
    frames_since_release_ = 0;
  }

  void wake() override {
    if (wake_event_ == static_cast<Uint32>(-1)) return;
    SDL_Event event{};
    event.type = wake_event_;
    SDL_PushEvent(&event);  // SDL's event queue is thread-safe
  }

  std::string describe() const override {
    SDL_RendererInfo info{};
    SDL_GetRendererInfo(renderer_, &info);
    return std::string("video=") + SDL_GetCurrentVideoDriver() +
           " renderer=" + (info.name != nullptr ? info.name : "?");
  }

 private:
  void handle(const SDL_Event& event, PlatformEvents& events) {
    ImGui_ImplSDL2_ProcessEvent(&event);
    switch (event.type) {
      case SDL_QUIT: events.quit = true; break;
      case SDL_FINGERDOWN:
      case SDL_FINGERMOTION:
      case SDL_FINGERUP: {
        // Touch coordinates are normalised to the window; ImGui wants pixels.
        int w = 0;
        int h = 0;
        SDL_GetWindowSize(window_, &w, &h);
        set_pointer(event.tfinger.x * static_cast<float>(w), event.tfinger.y * static_cast<float>(h),
                    event.type != SDL_FINGERUP);
        events.input = true;
        break;
      }
      case SDL_KEYDOWN:
        if (auto key = wedge_key(event.key)) events.keys.push_back(std::move(*key));
        events.input = true;
        break;
      case SDL_TEXTINPUT: {
        drivers::WedgeKey key;
        key.time = sdl_time(event.text.timestamp);
        // Control characters come as key presses (Enter, Ctrl+J); a platform that also sends
        // them as text would double them.
        for (const char* c = event.text.text; *c != '\0'; ++c) {
          if (static_cast<unsigned char>(*c) >= 0x20 && *c != 0x7F) key.text.push_back(*c);
        }
        if (!key.text.empty()) events.keys.push_back(std::move(key));
        events.input = true;
        break;
      }
      case SDL_MOUSEMOTION:
      case SDL_MOUSEBUTTONDOWN:
      case SDL_MOUSEBUTTONUP:
      case SDL_MOUSEWHEEL:
      case SDL_KEYUP:
      case SDL_WINDOWEVENT: events.input = true; break;
      default: break;
    }
  }

  std::chrono::steady_clock::time_point sdl_time(Uint32 timestamp) const {
    return sdl_epoch_ + std::chrono::milliseconds(timestamp);
  }

  // Keys that type no text: Enter, Tab, and Ctrl combinations (a wedge's way to send LF, RS, CR).
  // Printable keys arrive as text events instead, already mapped through the keyboard layout.
  std::optional<drivers::WedgeKey> wedge_key(const SDL_KeyboardEvent& key) const {
    if (key.repeat != 0) return std::nullopt;
    drivers::WedgeKey out;
    out.time = sdl_time(key.timestamp);
    const Uint16 mod = key.keysym.mod;
    out.modifiers = {(mod & KMOD_CTRL) != 0, (mod & KMOD_SHIFT) != 0, (mod & KMOD_ALT) != 0};
    switch (key.keysym.sym) {
      case SDLK_RETURN:
      case SDLK_RETURN2:
      case SDLK_KP_ENTER: out.special = drivers::WedgeSpecialKey::Enter; return out;
      case SDLK_TAB: out.special = drivers::WedgeSpecialKey::Tab; return out;
      case SDLK_BACKSPACE: out.special = drivers::WedgeSpecialKey::Backspace; return out;
      case SDLK_ESCAPE: out.special = drivers::WedgeSpecialKey::Escape; return out;
      default: break;
    }
    if (out.modifiers.ctrl && key.keysym.sym > 0x20 && key.keysym.sym < 0x7F) {
      out.text.assign(1, static_cast<char>(key.keysym.sym));
      return out;
    }
    return std::nullopt;
  }

  WindowSize window_size() const override {
    WindowSize size;
    SDL_GetWindowSize(window_, &size.width, &size.height);
    return size;
  }

  void read_pixels(RgbaImage& out) {
    int w = 0;
    int h = 0;
    SDL_GetRendererOutputSize(renderer_, &w, &h);
    out.width = w;
    out.height = h;
    out.pixels.assign(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4, 0);
    if (SDL_RenderReadPixels(renderer_, nullptr, SDL_PIXELFORMAT_ABGR8888, out.pixels.data(), w * 4) != 0) {
      out.pixels.clear();
      out.width = out.height = 0;
    }
  }

  SDL_Window* window_ = nullptr;
  SDL_Renderer* renderer_ = nullptr;
  bool video_ = false;
  bool sdl_backend_ = false;
  bool renderer_backend_ = false;
  bool pointer_active_ = false;
  bool pointer_down_ = false;
  float pointer_x_ = 0;
  float pointer_y_ = 0;
  int frames_since_release_ = 0;
  std::chrono::steady_clock::time_point sdl_epoch_{};
  Uint32 wake_event_ = static_cast<Uint32>(-1);
};

}  // namespace

Expected<std::unique_ptr<Platform>, PlatformError> create_sdl_platform(const PlatformOptions& options) {
  auto platform = std::make_unique<SdlPlatform>();
  auto opened = platform->open(options);
  if (!opened) return fail(opened.error());
  return std::unique_ptr<Platform>(std::move(platform));
}

}  // namespace kiosk
