#pragma once
// The window, the renderer and input: the only part of the kiosk that knows SDL exists.
// App talks to this interface; sdl_platform.cpp is the one file that includes SDL.h.

#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "kiosk/app/image.hpp"
#include "kiosk/app/window_size.hpp"
#include "kiosk/core/expected.hpp"
#include "kiosk/drivers/scanner/wedge_key.hpp"

namespace kiosk {

struct PlatformOptions {
  bool headless = false;  // no display: SDL's dummy video driver and software renderer
  bool fullscreen = true;
  int width = 1280;
  int height = 800;
  std::string title = "Consent kiosk";
};

enum class PlatformErrc { VideoInitFailed, WindowFailed, RendererFailed, BackendFailed };

struct PlatformError {
  PlatformErrc code;
  std::string detail;  // SDL's own words
};

struct PlatformEvents {
  bool quit = false;   // window closed, SIGINT or SIGTERM
  bool input = false;  // a touch, click, key or resize: the screen must be redrawn
  // Every key and text event, in order and without SDL types: a keyboard-wedge scanner types.
  std::vector<drivers::WedgeKey> keys;
};

class Platform {
 public:
  virtual ~Platform() = default;

  // Sleeps until input arrives or `timeout` passes: an idle kiosk draws nothing.
  virtual PlatformEvents wait_events(std::chrono::milliseconds timeout) = 0;
  // Call before ImGui::NewFrame().
  virtual void begin_frame() = 0;
  // Call after ImGui::Render(). Fills `capture`, when given, with what was drawn.
  virtual void end_frame(RgbaImage* capture) = 0;

  // Puts the pointer at window coordinates, pressed or not, as a finger would. Used for real
  // finger events and by tests: ImGui 1.86's SDL backend ignores injected SDL events.
  virtual void set_pointer(float x, float y, bool down) = 0;
  virtual std::string describe() const = 0;
  // The window as opened: a fullscreen window takes the display's size, whatever was asked.
  virtual WindowSize window_size() const = 0;  // video driver and renderer, for diagnostics
  // Makes a wait_events() in progress return now. Thread-safe: scanner threads call it when
  // they have queued a scan.
  virtual void wake() = 0;
};

// Needs a current ImGui context: it initialises ImGui's SDL and SDL_Renderer backends.
Expected<std::unique_ptr<Platform>, PlatformError> create_sdl_platform(const PlatformOptions& options);

}  // namespace kiosk
