#include <catch2/catch.hpp>

#include <algorithm>
#include <new>
#include <string>
#include <string_view>

#include "kiosk/core/consent/consent_record.hpp"
#include "kiosk/core/sensitive.hpp"

using namespace kiosk;

namespace {

bool all_zero(const char* data, std::size_t size) {
  return std::all_of(data, data + size, [](char c) { return c == '\0'; });
}

constexpr std::string_view kLong = "TREMBLAY-GAGNON, ÉLODIE MARIE-CLAUDE, T6521-170488-07";

}  // namespace

TEST_CASE("wipe zeroes a string's whole buffer, beyond its current size, and keeps the buffer") {
  std::string text(kLong);
  text.resize(5);  // the rest of the name is still in the buffer past size()
  const char* buffer = text.data();
  const std::size_t capacity = text.capacity();
  wipe(text);
  CHECK(text.empty());
  REQUIRE(text.data() == buffer);
  CHECK(all_zero(buffer, capacity));
}

TEST_CASE("a moved-from Sensitive string keeps none of its short-string characters") {
  SensitiveText number("T6521");  // short: kept inside the object, not on the heap
  const char* inside = number.data();
  SensitiveText moved(std::move(number));
  CHECK(moved == "T6521");
  CHECK(all_zero(inside, 5));

  SensitiveText assigned;
  SensitiveText other("170488");
  const char* other_inside = other.data();
  assigned = std::move(other);
  CHECK(assigned == "170488");
  CHECK(all_zero(other_inside, 6));
}

TEST_CASE("a Sensitive string wipes itself when destroyed") {
  alignas(SensitiveText) unsigned char storage[sizeof(SensitiveText)];
  auto* text = new (storage) SensitiveText("T6521-17");
  const std::string_view before(reinterpret_cast<const char*>(storage), sizeof storage);
  REQUIRE(before.find("T6521-17") != std::string_view::npos);
  text->~SensitiveText();
  const std::string_view after(reinterpret_cast<const char*>(storage), sizeof storage);
  CHECK(after.find("T6521") == std::string_view::npos);
}

TEST_CASE("a Sensitive string takes text of any kind and reads as a std::string") {
  SensitiveText name(kLong);
  name = std::string_view("ON");
  CHECK(name == "ON");
  name = "QC";
  const std::string& plain = name;
  CHECK(plain == "QC");
}

TEST_CASE("a client's identity is read like strings and wiped like secrets") {
  consent::ClientIdentity identity{"QC", "T6521-170488-07", "TREMBLAY", "ÉLODIE", "1988-04-17"};
  CHECK(identity.family_name == "TREMBLAY");
  CHECK(std::string_view(identity.document_number).starts_with("T6521"));
  const char* surname_inside = identity.family_name.data();
  consent::ClientIdentity moved = std::move(identity);
  CHECK(moved.family_name == "TREMBLAY");
  CHECK(all_zero(surname_inside, 8));
}

TEST_CASE("reserve_wiped moves the text to a larger buffer and wipes the old one") {
  std::string pin = "4829";
  reserve_wiped(pin, 64);
  CHECK(pin == "4829");
  CHECK(pin.capacity() >= 64);
}
