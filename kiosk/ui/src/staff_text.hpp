#pragma once
// What staff read on the kiosk, in both languages. French: a non-breaking space (\u00A0) before
// : ; ? ! and one word per thing (conseiller for an associate, NIP for a PIN).

#include "kiosk/core/language.hpp"

namespace kiosk::ui::text {

inline constexpr const char* staff_button = "Staff · Personnel";
inline constexpr Bilingual keypad_title_number{"Staff sign-in", "Connexion du personnel"};
inline constexpr Bilingual keypad_hint_number{"Type your staff number, then touch OK.",
                                              "Tapez votre numéro d’employé, puis touchez OK."};
inline constexpr Bilingual keypad_title_pin{"Enter your PIN", "Entrez votre NIP"};
inline constexpr Bilingual keypad_hint_pin{
    "Staff number %s. Type your PIN (6 digits or more), then touch OK.",
    "Numéro d’employé %s. Tapez votre NIP (6\u00A0chiffres ou plus), "
    "puis touchez OK."};
inline constexpr Bilingual keypad_checking{"Checking…", "Vérification…"};
inline constexpr Bilingual keypad_not_recognised{
    "Staff number or PIN not recognised. Check both and try again: after 5 wrong PINs in a row, "
    "sign-in is locked for a while.",
    "Numéro d’employé ou NIP non reconnu. Vérifiez-les et réessayez\u00A0: après 5\u00A0NIP erronés "
    "de suite, la connexion est bloquée pendant un moment."};
inline constexpr Bilingual keypad_locked_out{
    "Too many wrong PINs: sign-in for this staff number is locked for %d more minute(s). Wait, or "
    "ask a tech to set a new PIN.",
    "Trop de NIP erronés\u00A0: la connexion de ce numéro est bloquée encore %d\u00A0minute(s). "
    "Patientez, ou demandez à un technicien de définir un nouveau NIP."};
inline constexpr Bilingual keypad_unavailable{
    "Sign-in is not available: the kiosk cannot read its staff list. Call a tech.",
    "La connexion est indisponible\u00A0: la borne ne peut pas lire la liste du personnel. "
    "Appelez un technicien."};
inline constexpr Bilingual erase_button{"Erase", "Effacer"};
inline constexpr Bilingual ok_button{"OK", "OK"};
inline constexpr Bilingual staff_cancel_button{"Cancel", "Annuler"};

inline constexpr Bilingual associate_title{"Associate: kiosk status", "Conseiller\u00A0: état de la borne"};
inline constexpr Bilingual tech_title{"Tech: diagnostics", "Technicien\u00A0: diagnostics"};
inline constexpr Bilingual signed_in_as{
    "Signed in as staff %s. You are signed out after 2 minutes without a touch.",
    "Connecté en tant qu’employé %s. Déconnexion après 2\u00A0minutes "
    "sans toucher l’écran."};
inline constexpr Bilingual refresh_button{"Refresh", "Actualiser"};
// Signing out is the way back to the client's screens.
inline constexpr Bilingual sign_out_button{"Sign out", "Se déconnecter"};
inline constexpr Bilingual return_to_service_button{"Return to service", "Remettre en service"};
inline constexpr Bilingual kiosk_is_out_of_service{"The kiosk is out of service: %s",
                                                   "La borne est hors service\u00A0: %s"};
inline constexpr Bilingual still_out_of_service{
    "Still out of service: the fault is still there. Fix it, then touch Return to service again.",
    "Toujours hors service\u00A0: le problème persiste. Corrigez-le, puis touchez de nouveau "
    "Remettre en service."};
inline constexpr Bilingual status_loading{"Reading the kiosk’s status…", "Lecture de l’état de la borne…"};

}  // namespace kiosk::ui::text
