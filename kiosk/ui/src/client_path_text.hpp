#pragma once
// The client's words for withdrawing, for an expired card and for the policy summary, in both
// languages side by side (French: a no-break space before : ; ? !).

#include "kiosk/core/language.hpp"

namespace kiosk::ui::text {

inline constexpr Bilingual withdraw_title{"Withdraw all your consents?",
                                          "Retirer tous vos consentements\u00a0?"};
inline constexpr Bilingual withdraw_read_first{"Nothing changes until you choose below.",
                                               "Rien ne change tant que vous n’avez pas choisi ci-dessous."};
inline constexpr Bilingual withdraw_ending{"These consents will end:",
                                           "Ces consentements prendront fin\u00a0:"};
inline constexpr Bilingual withdraw_nothing_ending{"You have no consent on record that this would end.",
                                                   "Aucun consentement enregistré ne prendrait fin."};
inline constexpr Bilingual withdraw_continues{
    "What we need to serve you, and the notices shown for your information, continue: they do not "
    "depend on your consent.",
    "Ce qui est nécessaire pour vous servir et les avis présentés pour votre information "
    "continuent\u00a0: ils ne dépendent pas de votre consentement."};
inline constexpr Bilingual withdraw_agent_ends{
    "Your authorized agent’s authority to act for you ends.",
    "Le pouvoir de votre mandataire d’agir en votre nom prend fin."};
inline constexpr Bilingual withdraw_again_later{
    "You can give your consent again later, here or with an associate.",
    "Vous pourrez donner de nouveau votre consentement plus tard, ici ou avec un conseiller."};
inline constexpr Bilingual withdraw_yes{"Yes, withdraw", "Oui, retirer"};
inline constexpr Bilingual withdraw_keep{"Keep my choices", "Garder mes choix"};

inline constexpr Bilingual expired_banner{
    "Your card has expired: you can see and withdraw your choices; to give consent, use a valid card.",
    "Votre carte est expirée\u00a0: vous pouvez consulter et retirer vos choix\u00a0; pour donner votre "
    "consentement, utilisez une carte valide."};
inline constexpr Bilingual expired_intro{"Your choices on record.", "Vos choix enregistrés."};

inline constexpr Bilingual summary_title{"Our privacy policy in brief", "Notre politique en bref"};
inline constexpr Bilingual read_full_policy{"Read the full policy", "Lire la politique complète"};
inline constexpr Bilingual policy_changed_title{"What changed since your last visit",
                                                "Ce qui a changé depuis votre dernière visite"};
inline constexpr Bilingual policy_changed_unknown{"The policy has changed since your last visit.",
                                                  "La politique a changé depuis votre dernière visite."};
inline constexpr Bilingual saved_notices{
    "Shown for your information (no consent needed):",
    "Présenté pour votre information (aucun consentement requis)\u00a0:"};

}  // namespace kiosk::ui::text
