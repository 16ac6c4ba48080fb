#include <catch2/catch.hpp>

#include <algorithm>
#include <cstring>
#include <new>

#include "kiosk/core/identity/id_document.hpp"

using namespace kiosk::identity;

TEST_CASE("the masked document number shows at most its last four characters") {
  IdDocument doc;
  doc.document_number = "T7654-32109-85412";
  CHECK(doc.document_number_masked() == "\u20265412");
  doc.document_number = "1234567";
  CHECK(doc.document_number_masked() == "\u20264567");
  // Short numbers keep at least three characters hidden.
  doc.document_number = "12345";
  CHECK(doc.document_number_masked() == "\u202645");
  // Characters, not bytes: an accented letter is never cut in half.
  doc.document_number = "AB\u00C9\u00C91234";
  CHECK(doc.document_number_masked() == "\u20261234");
  doc.document_number = "ABCD\u00C9\u00C9\u00C9";
  CHECK(doc.document_number_masked() == "\u2026D\u00C9\u00C9\u00C9");
  doc.document_number = "123";
  CHECK(doc.document_number_masked() == "\u2026");
  doc.document_number.clear();
  CHECK(doc.document_number_masked() == "\u2026");
}

TEST_CASE("wipe() zeroes a long name's whole heap buffer") {
  IdDocument doc;
  doc.family_name = "A-FAMILY-NAME-LONG-ENOUGH-TO-LIVE-ON-THE-HEAP";
  doc.date_of_birth =
      std::chrono::year_month_day{std::chrono::year{1985}, std::chrono::month{4}, std::chrono::day{12}};
  doc.age = 41;
  const char* buffer = doc.family_name.data();
  const std::size_t capacity = doc.family_name.capacity();
  doc.wipe();
  // The buffer is still owned (clear keeps the capacity), so it can be read after the wipe.
  REQUIRE(doc.family_name.data() == buffer);
  CHECK(std::all_of(buffer, buffer + capacity, [](char c) { return c == 0; }));
  CHECK(doc.family_name.empty());
  CHECK_FALSE(doc.date_of_birth.has_value());
  CHECK(doc.age == 0);
}

TEST_CASE("dropping a document wipes the names kept inside the object") {
  alignas(IdDocument) unsigned char storage[sizeof(IdDocument)];
  auto* doc = new (storage) IdDocument;
  doc->family_name = "SHORTNAME";  // short enough for the string's in-object buffer
  doc->document_number = "D1234567";
  const auto contains = [&storage](std::string_view needle) {
    return std::search(storage, storage + sizeof storage, needle.begin(), needle.end()) !=
           storage + sizeof storage;
  };
  REQUIRE(contains("SHORTNAME"));
  doc->~IdDocument();
  CHECK_FALSE(contains("SHORTNAME"));
  CHECK_FALSE(contains("D1234567"));
}

TEST_CASE("copies and moves keep the values") {
  IdDocument doc;
  doc.family_name = "TREMBLAY";
  doc.jurisdiction_elements.push_back({"ZO", "ZOA", "VALUE"});
  IdDocument copy = doc;
  CHECK(copy.family_name == "TREMBLAY");
  IdDocument moved = std::move(doc);
  CHECK(moved.family_name == "TREMBLAY");
  CHECK(moved.jurisdiction_elements.at(0).value == "VALUE");
  CHECK(copy.jurisdiction_elements.size() == 1);
}
