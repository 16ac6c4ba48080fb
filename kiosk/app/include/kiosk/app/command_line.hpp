#pragma once
// CommandLine moved to kiosk/core so that consent-hq uses it without linking the kiosk app.
#include "kiosk/core/command_line.hpp"
