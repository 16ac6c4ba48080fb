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
    "Your ID card is read only to confirm who you are. Your name, birth date and card number stay "
    "sealed for head office, unreadable by this kiosk, until delivered.",
    "Votre pièce d’identité sert uniquement à confirmer qui vous êtes. Vos nom, date de naissance "
    "et numéro de carte restent scellés pour le siège social, illisibles par la borne, jusqu’à "
    "leur envoi."};

inline constexpr Bilingual scan_title{"Scan your ID card", "Balayez votre pièce d’identité"};
inline constexpr Bilingual scan_instructions{
    "Hold the barcode on the back of your driver’s licence or provincial ID card under the "
    "scanner’s red light.",
    "Tenez le code-barres au dos de votre permis de conduire ou de votre carte d’identité "
    "provinciale sous la lumière rouge du lecteur."};
inline constexpr Bilingual scan_waiting{"Waiting for your card…", "En attente de votre carte…"};
inline constexpr Bilingual cancel_button{"Cancel", "Annuler"};
inline constexpr Bilingual clearing_soon{"This screen clears in %d s. Touch anywhere to continue.",
                                         "Cet écran s’efface dans %d s. Touchez l’écran pour continuer."};

inline constexpr Bilingual confirm_title{"Is this you?", "Est-ce bien vous?"};
inline constexpr Bilingual confirm_licence{"%s driver’s licence, number ending in %s",
                                           "Permis de conduire – %s, numéro se terminant par %s"};
inline constexpr Bilingual confirm_id_card{"%s ID card, number ending in %s",
                                           "Carte d’identité – %s, numéro se terminant par %s"};
inline constexpr Bilingual looking_up{"One moment: finding your choices…",
                                      "Un instant : recherche de vos choix…"};
inline constexpr Bilingual confirm_yes{"Yes, this is me", "Oui, c’est moi"};
inline constexpr Bilingual confirm_no{"No, this is not me", "Non, ce n’est pas moi"};
inline constexpr Bilingual confirm_note{
    "Only you may record choices for yourself. If this is not your card, touch “No”: it is "
    "forgotten at once.",
    "Vous seul pouvez enregistrer vos choix. Si ce n’est pas votre carte, touchez « Non » : elle "
    "est oubliée aussitôt."};
inline constexpr Bilingual scan_try_again{"Please try again.", "Veuillez réessayer."};

inline constexpr Bilingual policy_title{"Our privacy policy", "Notre politique de confidentialité"};
inline constexpr Bilingual policy_continue{"Continue to my choices", "Continuer vers mes choix"};
inline constexpr Bilingual policy_scroll_hint{"Slide the text up with your finger to read on.",
                                              "Faites glisser le texte vers le haut pour lire la suite."};

inline constexpr Bilingual choices_title{"Your privacy choices", "Vos choix de confidentialité"};
inline constexpr Bilingual choices_returning{
    "These are the choices you made before. Change any of them.",
    "Voici les choix que vous avez faits. Modifiez ceux que vous voulez."};
inline constexpr Bilingual choices_new{"Choose what we may do with your information.",
                                       "Choisissez ce que nous pouvons faire de vos renseignements."};
inline constexpr Bilingual head_office_unreachable{
    "Head office could not be reached: showing this kiosk’s record of your choices.",
    "Le siège social n’a pas pu être joint : voici les choix enregistrés sur cette borne."};
inline constexpr Bilingual choice_yes{"Yes", "Oui"};
inline constexpr Bilingual choice_no{"No", "Non"};
// The chosen answer carries a mark as well as its word, so it reads without colour.
inline constexpr Bilingual answer_yes{"✓ Yes", "✓ Oui"};
inline constexpr Bilingual answer_no{"✗ No", "✗ Non"};
inline constexpr Bilingual choice_required{"Needed to serve you", "Nécessaire pour vous servir"};
inline constexpr Bilingual choice_notice{"For your information: no consent needed",
                                         "Pour votre information\u00a0: aucun consentement requis"};
inline constexpr Bilingual choices_rights{"Your rights", "Vos droits"};
inline constexpr Bilingual request_access{"Ask for a copy of my information",
                                          "Obtenir une copie de mes renseignements"};
inline constexpr Bilingual save_choices{"Save my choices", "Enregistrer mes choix"};
inline constexpr Bilingual withdraw_all{"Withdraw all my consents", "Retirer tous mes consentements"};
inline constexpr Bilingual read_policy{"Read the policy", "Lire la politique"};
inline constexpr Bilingual saving{"Saving…", "Enregistrement…"};

inline constexpr Bilingual saved_title{"Your choices are saved", "Vos choix sont enregistrés"};
inline constexpr Bilingual saved_withdrawal{"Your consents are withdrawn", "Vos consentements sont retirés"};
inline constexpr Bilingual saved_access{
    "Your request was sent to our privacy office. It will answer within 30 days.",
    "Votre demande a été transmise à notre bureau de la protection des renseignements personnels. "
    "Il y répondra dans un délai de 30 jours."};
inline constexpr Bilingual saved_receipt{"Receipt number: %s", "Numéro de reçu\u00a0: %s"};
inline constexpr Bilingual saved_scan_receipt{
    "Scan this code with your phone to check your receipt later.",
    "Balayez ce code avec votre téléphone pour vérifier votre reçu plus tard."};
inline constexpr Bilingual print_receipt{"Print receipt", "Imprimer le reçu"};
inline constexpr Bilingual print_again{"Print again", "Imprimer de nouveau"};
inline constexpr Bilingual printing_receipt{"Printing your receipt…", "Impression de votre reçu…"};
inline constexpr Bilingual receipt_printed{"Your receipt is printed.", "Votre reçu est imprimé."};
inline constexpr Bilingual saved_change_later{
    "You can change these choices at any time, here or by asking a store associate.",
    "Vous pouvez modifier ces choix en tout temps, ici ou auprès d’un conseiller."};
inline constexpr Bilingual done_button{"Done", "Terminé"};

inline constexpr Bilingual out_of_service_title{"Out of service", "Hors service"};
inline constexpr Bilingual out_of_service_body{
    "This kiosk cannot record consents right now. Please ask a store associate for help.",
    "Cette borne ne peut pas enregistrer de consentements pour le moment. Veuillez demander "
    "l’aide d’un conseiller."};

}  // namespace kiosk::ui::text
