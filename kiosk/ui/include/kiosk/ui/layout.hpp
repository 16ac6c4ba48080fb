#pragma once
// The screens are drawn for a 1280x800 landscape display and scaled to the real one. The fonts are
// loaded at the same scale, so text is crisp (rasterised at its size, never stretched).

namespace kiosk::ui {

inline constexpr float kDesignWidth = 1280;
inline constexpr float kDesignHeight = 800;

// The design's short side against the display's short side, unless the long sides allow less:
// 1280x800 gives 1, 1920x1080 and 1080x1920 give 1.35 (the same text size on a panel turned on
// its side). A portrait display then has about 800 design pixels across, and the screens stack
// what a landscape one puts side by side.
float layout_scale(float width, float height);

}  // namespace kiosk::ui
