#include "kiosk/ui/theme.hpp"

#include <imgui.h>

#include <system_error>

#include "kiosk/ui/palette.hpp"
#include "widgets.hpp"

namespace kiosk::ui {

Expected<Fonts, ThemeError> load_fonts(const std::filesystem::path& ttf, float scale) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(ttf, ec)) {
    return fail(ThemeError{ThemeErrc::FontMissing, ttf.string()});
  }
  ImGuiIO& io = ImGui::GetIO();
  ImVector<ImWchar> ranges;
  ImFontGlyphRangesBuilder builder;
  builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
  // ●: a PIN digit on the staff keypad; ✓ ✗: the mark beside a chosen answer; U+202F: the
  // narrow no-break space French typography may use before ; ! ? (the string table's test allows it).
  builder.AddText("œŒ’‘“”€—–…«»ŸÀÂÆÇÉÈÊËÎÏÔÙÛÜ●✓✗\u202f");
  builder.BuildRanges(&ranges);
  Fonts fonts;
  const std::string path = ttf.string();
  fonts.body = io.Fonts->AddFontFromFileTTF(path.c_str(), 34.0f * scale, nullptr, ranges.Data);
  fonts.title = io.Fonts->AddFontFromFileTTF(path.c_str(), 64.0f * scale, nullptr, ranges.Data);
  fonts.small = io.Fonts->AddFontFromFileTTF(path.c_str(), 24.0f * scale, nullptr, ranges.Data);
  if (fonts.body == nullptr || fonts.title == nullptr || fonts.small == nullptr) {
    return fail(ThemeError{ThemeErrc::FontUnusable, path});
  }
  // Built now, while `ranges` is alive: the atlas reads it only when it builds.
  if (!io.Fonts->Build()) return fail(ThemeError{ThemeErrc::FontUnusable, path});
  io.FontDefault = fonts.body;
  return fonts;
}

void apply_kiosk_style(float scale) {
  ImGuiStyle& style = ImGui::GetStyle();
  ImGui::StyleColorsLight(&style);
  style.WindowPadding = ImVec2(48, 40);
  style.FramePadding = ImVec2(32, 24);
  style.ItemSpacing = ImVec2(24, 24);
  style.FrameRounding = 16;
  style.WindowBorderSize = 0;
  style.ScrollbarSize = 40;  // a finger must be able to drag it
  style.TouchExtraPadding = ImVec2(8, 8);
  ImVec4* c = style.Colors;
  auto set = [c](ImGuiCol slot, palette::Rgb colour) {
    c[slot] = ImGui::ColorConvertU32ToFloat4(imgui_colour(colour));
  };
  set(ImGuiCol_WindowBg, palette::kPage);
  set(ImGuiCol_Text, palette::kText);
  // ImGui's light grey (153) is 2.7:1 on the page: too faint for the notices drawn in it.
  set(ImGuiCol_TextDisabled, palette::kMutedText);
  set(ImGuiCol_Button, palette::kBrand);
  set(ImGuiCol_ButtonHovered, palette::kBrandHovered);
  set(ImGuiCol_ButtonActive, palette::kBrandPressed);
  style.ScaleAllSizes(scale);
}

}  // namespace kiosk::ui
