#pragma once
// What an ID card says about its holder, as the rest of the kiosk sees it. It lives in memory
// only: the destructor wipes every byte of personal data (sodium_memzero), and nothing in it may
// be logged or written to disk in clear.

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/core/sensitive.hpp"

namespace kiosk::identity {

// One element of a jurisdiction-defined `Z?` subfile. These are kept apart from the standard
// fields so that a jurisdiction's private data can never stand in for the holder's name or number.
struct JurisdictionElement {
  std::string subfile;  // e.g. "ZO"
  std::string id;       // e.g. "ZOA"
  std::string value;    // UTF-8, trimmed
};

struct IdDocument {
  std::string issuer;   // jurisdiction code: "ON", "QC", "NY"
  std::string iin;      // issuer identification number from the header: "636012"
  std::string kind;     // "DL" (driver's licence) or "ID" (identification card)
  std::string country;  // "CAN" or "USA"
  std::string family_name;
  std::string given_names;  // first and middle names joined by one space; may be empty
  std::string name_suffix;  // "JR", "3RD": never part of the given or family names; may be empty
  std::string document_number;
  int aamva_version = 0;
  std::optional<int> jurisdiction_version;  // absent in version 01 headers
  std::optional<std::chrono::year_month_day> date_of_birth;
  std::optional<std::chrono::year_month_day> expiry_date;
  std::optional<std::chrono::year_month_day> issue_date;
  bool expired = false;
  int age = 0;
  // The card says its printed name was cut to fit (DDE, DDF/DDG = "T").
  bool family_name_truncated = false;
  bool given_names_truncated = false;
  std::vector<JurisdictionElement> jurisdiction_elements;

  IdDocument() = default;
  IdDocument(const IdDocument&) = default;
  IdDocument(IdDocument&&) noexcept = default;
  IdDocument& operator=(const IdDocument&) = default;
  IdDocument& operator=(IdDocument&&) noexcept = default;
  ~IdDocument();

  // Overwrites every field with zeros and leaves the document empty; the destructor calls it.
  void wipe() noexcept;

  // "…1234": only the last characters, and never more than the length minus three, so that a
  // short number is not shown whole.
  std::string document_number_masked() const;
};

}  // namespace kiosk::identity
