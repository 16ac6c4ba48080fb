#pragma once
// One function per screen; kiosk_view.cpp picks which one runs.

#include "kiosk/ui/kiosk_view.hpp"

namespace kiosk::ui {

FrameResult draw_welcome_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits);
FrameResult draw_scan_id_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits,
                                double time_seconds);
FrameResult draw_confirm_identity_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits);
FrameResult draw_policy_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits);
FrameResult draw_choices_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits);
FrameResult draw_withdrawal_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits);
FrameResult draw_saved_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits);
FrameResult draw_out_of_service_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits);
FrameResult draw_staff_keypad_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits);
FrameResult draw_staff_status_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits);
// Assisted mode (assisted_screens.cpp): the strip naming the associate above every client screen,
// and the associate's own steps (the agent's card, their authority, an access request).
std::optional<AssistedAction> draw_assisted_strip(const ViewModel& model, const Fonts& fonts,
                                                  HitRegions& hits);
FrameResult draw_assisted_step_screen(const ViewModel& model, const Fonts& fonts, HitRegions& hits);
// The small way into staff mode, at the top right of the screens where there is no client.
void staff_entry_button(FrameResult& result, HitRegions& hits);
float staff_entry_width();

}  // namespace kiosk::ui
