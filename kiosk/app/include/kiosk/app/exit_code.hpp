#pragma once
// ExitCode moved to kiosk/core so that consent-hq uses it without linking the kiosk app.
#include "kiosk/core/exit_code.hpp"
