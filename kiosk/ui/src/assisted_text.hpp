#pragma once
// What the associate and the client read during an assisted session, in both languages. The
// French uses the kiosk's one vocabulary: conseiller for an associate, mandataire for an agent,
// balayer for scanning; a non-breaking space (\u00A0) before : ; ? !.

#include "kiosk/core/language.hpp"

namespace kiosk::ui::text {

inline constexpr Bilingual start_assisted_button{"Start an assisted session",
                                                 "Commencer une séance assistée"};
inline constexpr Bilingual start_assisted_hint{
    "The client then scans their ID card and confirms it is theirs, with you beside them.",
    "Le client balaie ensuite sa pièce d’identité et confirme qu’elle est la sienne, avec vous à "
    "ses côtés."};

inline constexpr Bilingual assisted_by{"Assisted by associate %s", "Avec l’aide du conseiller %s"};
inline constexpr Bilingual add_agent_button{"Add an agent or legal representative",
                                            "Ajouter un mandataire ou un représentant légal"};
inline constexpr Bilingual continue_with_client{"Back to the client’s choices", "Retour aux choix du client"};
inline constexpr Bilingual assisted_back{"Back", "Retour"};

inline constexpr Bilingual agent_scan_title{"Scan the agent’s ID card",
                                            "Balayez la pièce d’identité du mandataire"};
inline constexpr Bilingual agent_scan_instructions{
    "The agent or legal representative holds the barcode on the back of their driver’s licence or "
    "ID card under the scanner’s red light.",
    "Le mandataire ou le représentant légal tient le code-barres au dos de son permis de conduire "
    "ou de sa carte d’identité sous la lumière rouge du lecteur."};
inline constexpr Bilingual agent_scan_waiting{"Waiting for the agent’s card…",
                                              "En attente de la carte du mandataire…"};

inline constexpr Bilingual agent_title{"The agent’s authority", "Le pouvoir du mandataire"};
inline constexpr Bilingual agent_which_document{"Which document gives them authority to act for the client?",
                                                "Quel document l’autorise à agir pour le client\u00A0?"};
inline constexpr Bilingual document_power_of_attorney{"Power of attorney", "Procuration"};
inline constexpr Bilingual document_court_order{"Court order", "Ordonnance du tribunal"};
inline constexpr Bilingual document_parent_of_minor{"Parent of a minor", "Parent d’un mineur"};
inline constexpr Bilingual document_estate{"Estate representative", "Liquidateur de la succession"};
inline constexpr Bilingual agent_checked_statement{
    "By touching “Record the agent”, you, associate %s, confirm that you checked the agent’s ID "
    "and the document chosen.",
    "En touchant «\u00A0Enregistrer le mandataire\u00A0», vous, conseiller %s, confirmez avoir "
    "vérifié la pièce d’identité du mandataire et le document choisi."};
inline constexpr Bilingual agent_choose_document_first{"Choose the document first.",
                                                       "Choisissez d’abord le document."};
inline constexpr Bilingual record_agent_button{"Record the agent", "Enregistrer le mandataire"};

inline constexpr Bilingual access_title{"Access request", "Demande d’accès"};
// The strip's way to the same step.
inline constexpr Bilingual access_button = access_title;
inline constexpr Bilingual access_who{"Who is asking?", "Qui fait la demande\u00A0?"};
inline constexpr Bilingual access_by_client{"The client", "Le client"};
inline constexpr Bilingual access_by_agent{"Their agent", "Son mandataire"};
inline constexpr Bilingual access_no_agent{
    "No agent is on record for this client: only the client may ask.",
    "Aucun mandataire n’est enregistré pour ce client\u00A0: seul le client peut faire la demande."};
inline constexpr Bilingual access_how{"How is the answer to be delivered?",
                                      "Comment la réponse doit-elle être transmise\u00A0?"};
inline constexpr Bilingual delivery_mail{"By mail, to the address on file",
                                         "Par la poste, à l’adresse au dossier"};
inline constexpr Bilingual delivery_email{"By email, to the address on file",
                                          "Par courriel, à l’adresse au dossier"};
inline constexpr Bilingual delivery_in_store{"Pick up in store", "À récupérer en magasin"};
inline constexpr Bilingual send_request_button{"Send the request", "Envoyer la demande"};
inline constexpr Bilingual access_choose_delivery_first{
    "Choose how the answer is delivered first.", "Choisissez d’abord comment la réponse est transmise."};

}  // namespace kiosk::ui::text
