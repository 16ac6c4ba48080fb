#include "kiosk/core/clock.hpp"

namespace kiosk {

std::chrono::year_month_day Clock::today() const {
  return std::chrono::year_month_day{std::chrono::floor<std::chrono::days>(now())};
}

}  // namespace kiosk
