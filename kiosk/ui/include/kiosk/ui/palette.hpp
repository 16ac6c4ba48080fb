#pragma once
// The kiosk's colours, and every pair of text on background that the screens draw, so a test can
// hold each pair to WCAG AA (4.5:1) without drawing a frame. A screen that draws text in a new
// colour, or on a new background, adds its pair to kTextPairs.

#include <array>
#include <cstdint>
#include <string_view>

namespace kiosk::ui::palette {

struct Rgb {
  std::uint8_t r, g, b;
};

// The page behind every screen and list (ImGui's child windows draw no background of their own).
inline constexpr Rgb kPage{247, 247, 252};
inline constexpr Rgb kText{20, 26, 41};
// Notices, "needed to serve you" and a refused answer: quieter than body text, still 4.5:1.
inline constexpr Rgb kMutedText{113, 113, 123};
inline constexpr Rgb kWhite{255, 255, 255};

// Filled buttons: white words on the brand blue, in each state a finger can leave them in.
inline constexpr Rgb kBrand{41, 82, 158};
inline constexpr Rgb kBrandHovered{51, 97, 179};
inline constexpr Rgb kBrandPressed{26, 61, 128};

// The answer not chosen: brand-blue words and outline on white.
inline constexpr Rgb kOutlinedHovered{225, 232, 245};
inline constexpr Rgb kOutlinedPressed{205, 218, 240};

inline constexpr Rgb kError{170, 30, 30};
inline constexpr Rgb kCaution{150, 90, 0};  // head office unreachable: a fact, not a fault
inline constexpr Rgb kGranted{20, 110, 50};

struct TextPair {
  std::string_view where;
  Rgb text;
  Rgb background;
};

inline constexpr std::array kTextPairs{
    TextPair{"body, title and small text", kText, kPage},
    TextPair{"notice, needed-to-serve-you and refused answer", kMutedText, kPage},
    TextPair{"button label", kWhite, kBrand},
    TextPair{"button label, hovered", kWhite, kBrandHovered},
    TextPair{"button label, pressed", kWhite, kBrandPressed},
    TextPair{"unchosen answer", kBrand, kWhite},
    TextPair{"unchosen answer, hovered", kBrand, kOutlinedHovered},
    TextPair{"unchosen answer, pressed", kBrand, kOutlinedPressed},
    TextPair{"error: card refused, print failed, staff warning, rule notice", kError, kPage},
    TextPair{"head office unreachable banner", kCaution, kPage},
    TextPair{"granted answer on the saved screen", kGranted, kPage},
};

}  // namespace kiosk::ui::palette
