#pragma once
// Every string a client reads on the kiosk screens, in both languages side by side.

#include "kiosk/core/language.hpp"

namespace kiosk::ui::text {

inline constexpr Bilingual welcome_title{"Welcome", "Bienvenue"};
inline constexpr const char* welcome_title_both = "Welcome · Bienvenue";
inline constexpr Bilingual welcome_subtitle{
    "Review and record your privacy choices in a few touches.",
    "Consultez et enregistrez vos choix de confidentialité en quelques touchers."};
inline constexpr Bilingual start_button{"English — Start", "Français — Commencer"};
inline constexpr Bilingual welcome_privacy_note{
    "Your ID card is read only to confirm who you are. Your name, birth date and card number are "
    "never stored on this kiosk.",
    "Votre pièce d’identité sert uniquement à confirmer qui vous êtes. Vos nom, date de naissance "
    "et numéro de carte ne sont jamais conservés sur cette borne."};

inline constexpr Bilingual scan_title{"Scan your ID card", "Balayez votre pièce d’identité"};
inline constexpr Bilingual scan_instructions{
    "Hold the barcode on the back of your driver’s licence or provincial ID card under the "
    "scanner’s red light.",
    "Tenez le code-barres au dos de votre permis de conduire ou de votre carte d’identité "
    "provinciale sous la lumière rouge du lecteur."};
inline constexpr Bilingual scan_waiting{"Waiting for your card…", "En attente de votre carte…"};
inline constexpr Bilingual cancel_button{"Cancel", "Annuler"};
inline constexpr Bilingual other_language_button{"Français", "English"};
inline constexpr Bilingual clearing_soon{"This screen clears in %d s. Touch anywhere to continue.",
                                         "Cet écran s’efface dans %d s. Touchez l’écran pour continuer."};

inline constexpr Bilingual confirm_title{"Is this you?", "Est-ce bien vous?"};
inline constexpr Bilingual confirm_licence{"%s driver’s licence, number ending in %s",
                                           "Permis de conduire – %s, numéro se terminant par %s"};
inline constexpr Bilingual confirm_id_card{"%s ID card, number ending in %s",
                                           "Carte d’identité – %s, numéro se terminant par %s"};
inline constexpr Bilingual confirm_yes{"Yes, this is me", "Oui, c’est moi"};
inline constexpr Bilingual confirm_no{"No, this is not me", "Non, ce n’est pas moi"};
inline constexpr Bilingual confirm_note{
    "Only you may record choices for yourself. If this is not your card, touch “No”: it is "
    "forgotten at once.",
    "Vous seul pouvez enregistrer vos choix. Si ce n’est pas votre carte, touchez « Non » : elle "
    "est oubliée aussitôt."};
inline constexpr Bilingual scan_try_again{"Please try again.", "Veuillez réessayer."};

inline constexpr Bilingual out_of_service_title{"Out of service", "Hors service"};
inline constexpr Bilingual out_of_service_body{
    "This kiosk cannot record consents right now. Please ask a store associate for help.",
    "Cette borne ne peut pas enregistrer de consentements pour le moment. Veuillez demander "
    "l’aide d’un conseiller."};

}  // namespace kiosk::ui::text
