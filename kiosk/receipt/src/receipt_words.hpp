#pragma once
// Every word the receipt prints, in English and French (French typography: a non-breaking space
// before : ; ! ?). Private to kiosk/receipt.

#include <string_view>

#include "kiosk/core/language.hpp"

namespace kiosk::receipt::words {

inline constexpr Bilingual title{"CONSENT RECEIPT", "REÇU DE CONSENTEMENT"};
inline constexpr Bilingual receipt_id{"Receipt", "Reçu"};
inline constexpr Bilingual date{"Date", "Date"};
inline constexpr Bilingual time_zone{"Time zone", "Fuseau horaire"};
inline constexpr Bilingual store{"Store", "Magasin"};
inline constexpr Bilingual kiosk{"Kiosk", "Borne"};
inline constexpr Bilingual jurisdiction{"Jurisdiction", "Juridiction"};
inline constexpr Bilingual language{"Language", "Langue"};
inline constexpr Bilingual language_name{"English", "français"};
inline constexpr Bilingual client{"Client", "Client"};
inline constexpr Bilingual document{"ID", "Pièce d’identité"};
inline constexpr Bilingual controller{"Controller", "Responsable du traitement"};
inline constexpr Bilingual privacy_officer{"Privacy contact", "Protection des renseignements"};
inline constexpr Bilingual policy{"Privacy policy", "Politique de confidentialité"};
inline constexpr Bilingual policy_version{"Version", "Version"};
inline constexpr Bilingual policy_other{"(made under an earlier version; titles as now)",
                                        "(fait sous une version antérieure; titres actuels)"};
inline constexpr Bilingual collected{"Collected", "Recueilli"};
inline constexpr Bilingual collected_alone{"at the kiosk, by the client alone",
                                           "à la borne, par le client seul"};
inline constexpr Bilingual collected_assisted{"at the kiosk, assisted by associate",
                                              "à la borne, avec l’aide du conseiller"};
inline constexpr Bilingual event{"Event", "Événement"};
inline constexpr Bilingual agent{"Agent", "Mandataire"};
inline constexpr Bilingual agent_checked_by{"checked by associate", "vérifié par le conseiller"};
inline constexpr Bilingual power_of_attorney{"power of attorney", "procuration"};
inline constexpr Bilingual court_order{"court order", "ordonnance du tribunal"};
inline constexpr Bilingual parent_of_minor{"parent of a minor", "parent d’un mineur"};
inline constexpr Bilingual estate_representative{"estate representative", "liquidateur de la succession"};
inline constexpr Bilingual answer{"Answer", "Réponse"};
inline constexpr Bilingual by_mail{"by mail, to the address on file", "par la poste, à l’adresse au dossier"};
inline constexpr Bilingual by_email{"by email, to the address on file",
                                    "par courriel, à l’adresse au dossier"};
inline constexpr Bilingual in_store{"to pick up in store", "à récupérer en magasin"};
inline constexpr Bilingual purposes{"PURPOSES", "FINS"};
inline constexpr Bilingual disclosures{"THIRD-PARTY DISCLOSURES", "COMMUNICATION À DES TIERS"};
inline constexpr Bilingual basis{"basis", "fondement"};
inline constexpr Bilingual withdraw{"WITHDRAW OR CHANGE", "RETRAIT OU MODIFICATION"};
inline constexpr Bilingual access{"ACCESS TO YOUR INFORMATION", "ACCÈS À VOS RENSEIGNEMENTS"};
inline constexpr Bilingual verify{"Scan to verify this receipt (signed by the kiosk):",
                                  "Balayez pour vérifier ce reçu (signé par la borne) :"};

inline constexpr Bilingual granted{"YES", "OUI"};
inline constexpr Bilingual refused{"NO", "NON"};
inline constexpr Bilingual acknowledged{"NOTED", "PRIS CONNAISSANCE"};

inline constexpr Bilingual required_for_service{"needed for the service", "nécessaire au service"};
inline constexpr Bilingual implied{"implied consent, you may say no", "consentement tacite, refus possible"};
inline constexpr Bilingual express{"express consent", "consentement exprès"};
inline constexpr Bilingual notice{"notice acknowledged", "avis reçu"};

inline constexpr Bilingual event_choices{"choices recorded", "choix enregistrés"};
inline constexpr Bilingual event_withdrawal{"consents withdrawn", "consentements retirés"};
inline constexpr Bilingual event_access{"access request", "demande d’accès"};
inline constexpr Bilingual event_agent{"authorized agent recorded", "mandataire enregistré"};

}  // namespace kiosk::receipt::words
