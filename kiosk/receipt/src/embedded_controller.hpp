#pragma once
// assets/receipt/controller.json, compiled in (kiosk/receipt/CMakeLists.txt).

#include <string_view>

namespace kiosk::receipt {

std::string_view embedded_controller_json();

}  // namespace kiosk::receipt
