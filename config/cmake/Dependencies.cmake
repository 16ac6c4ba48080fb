# Every third-party dependency is found here, and only here. All come from Debian 12 packages
# (see image/packages/build.txt); nothing is downloaded at configure or build time.

find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)
find_package(SDL2 REQUIRED)
find_package(ZXing REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(CURL REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(tomlplusplus REQUIRED)
# Receipts print the store's local time: Howard Hinnant's date library, on the system's tzdata.
find_package(date REQUIRED)
# Head office's shared database backend (consent-hq); libpq 15 from Debian's libpq-dev.
find_package(PostgreSQL REQUIRED)

pkg_check_modules(imgui REQUIRED IMPORTED_TARGET imgui)
pkg_check_modules(stb REQUIRED IMPORTED_TARGET stb)
pkg_check_modules(libsodium REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(libusb REQUIRED IMPORTED_TARGET libusb-1.0)
pkg_check_modules(httplib REQUIRED IMPORTED_TARGET cpp-httplib)

if(KIOSK_BUILD_TESTS)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
  # Emulated USB devices for the libusb scanner tests (tests/drivers/scanner).
  pkg_check_modules(umockdev REQUIRED IMPORTED_TARGET umockdev-1.0)
endif()

# Debian's libimgui.a has the SDL2 platform backend but not the SDL_Renderer one; the package
# ships that backend's source, which we compile as a third-party object without our warnings.
# SDL_Renderer rather than OpenGL: it draws the same on kiosk GPUs and, headless, runs on SDL's
# software renderer at a sixth of the memory of Mesa's llvmpipe.
find_file(IMGUI_SDLRENDERER_SOURCE imgui_impl_sdlrenderer.cpp
          PATHS /usr/share/doc/libimgui-dev/examples/backends NO_DEFAULT_PATH REQUIRED)
add_library(imgui_sdlrenderer STATIC ${IMGUI_SDLRENDERER_SOURCE})
target_include_directories(imgui_sdlrenderer SYSTEM PUBLIC /usr/include/imgui/backends)
target_link_libraries(imgui_sdlrenderer PUBLIC PkgConfig::imgui SDL2::SDL2)
add_library(ImGui::Kiosk INTERFACE IMPORTED)
target_link_libraries(ImGui::Kiosk INTERFACE imgui_sdlrenderer PkgConfig::imgui)
