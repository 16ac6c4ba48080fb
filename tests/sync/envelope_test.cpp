#include <catch2/catch.hpp>

#include <sodium.h>
#include <string>
#include <vector>

#include "kiosk/sync/envelope.hpp"

using namespace kiosk::sync;

namespace {

const std::string kPayload = R"({"client":{"family_name":"CÔTÉ","date_of_birth":"1961-07-23"},"record":{}})";

std::vector<unsigned char> raw_open(const std::vector<unsigned char>& sealed, const BoxKeyPair& recipient) {
  std::vector<unsigned char> inner(sealed.size() - crypto_box_SEALBYTES);
  REQUIRE(crypto_box_seal_open(inner.data(), sealed.data(), sealed.size(), recipient.public_key.data(),
                               recipient.secret.data()) == 0);
  return inner;
}

std::vector<unsigned char> raw_seal(const std::vector<unsigned char>& inner, const BoxPublicKey& recipient) {
  std::vector<unsigned char> sealed(inner.size() + crypto_box_SEALBYTES);
  crypto_box_seal(sealed.data(), inner.data(), inner.size(), recipient.data());
  return sealed;
}

}  // namespace

TEST_CASE("head office opens an envelope and learns which kiosk signed it") {
  auto kiosk = generate_signing_key_pair();
  auto head_office = generate_box_key_pair();
  auto sealed = seal_envelope(kPayload, kiosk, head_office.public_key);
  CHECK(sealed.size() == kPayload.size() + envelope_overhead());
  // Sealed means the clear text is nowhere in the bytes.
  CHECK(std::string(sealed.begin(), sealed.end()).find("1961-07-23") == std::string::npos);

  auto opened = open_envelope(sealed, head_office, kiosk.public_key);
  REQUIRE(opened.has_value());
  CHECK(opened->payload == kPayload);
  CHECK(opened->signer == kiosk.public_key);
}

TEST_CASE("key pairs rebuilt from their secrets are the same pairs") {
  auto kiosk = generate_signing_key_pair();
  auto rebuilt = signing_key_pair_from_secret(std::span<const unsigned char, 64>(kiosk.secret.data(), 64));
  CHECK(rebuilt.public_key == kiosk.public_key);
  auto box = generate_box_key_pair();
  CHECK(box_key_pair_from_secret(std::span<const unsigned char, 32>(box.secret.data(), 32)).public_key ==
        box.public_key);
}

TEST_CASE("an altered, truncated or misaddressed envelope is refused") {
  auto kiosk = generate_signing_key_pair();
  auto head_office = generate_box_key_pair();
  auto sealed = seal_envelope(kPayload, kiosk, head_office.public_key);

  for (std::size_t at : {std::size_t{0}, std::size_t{40}, sealed.size() / 2, sealed.size() - 1}) {
    auto altered = sealed;
    altered[at] ^= 0x01;
    auto result = open_envelope(altered, head_office);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == EnvelopeErrc::CannotOpen);
  }
  std::vector<unsigned char> truncated(sealed.begin(), sealed.begin() + 20);
  CHECK(open_envelope(truncated, head_office).error().code == EnvelopeErrc::TooShort);

  auto stranger = generate_box_key_pair();
  CHECK(open_envelope(sealed, stranger).error().code == EnvelopeErrc::CannotOpen);
}

TEST_CASE("the kiosk cannot open what it sealed, even with its own signing key turned into a box key") {
  auto kiosk = generate_signing_key_pair();
  auto head_office = generate_box_key_pair();
  auto sealed = seal_envelope(kPayload, kiosk, head_office.public_key);
  BoxKeyPair kiosk_as_box;
  REQUIRE(crypto_sign_ed25519_pk_to_curve25519(kiosk_as_box.public_key.data(), kiosk.public_key.data()) == 0);
  REQUIRE(crypto_sign_ed25519_sk_to_curve25519(kiosk_as_box.secret.data(), kiosk.secret.data()) == 0);
  CHECK(open_envelope(sealed, kiosk_as_box).error().code == EnvelopeErrc::CannotOpen);
}

TEST_CASE("a forged signature, a different signer or a re-sealed envelope fails verification") {
  auto kiosk = generate_signing_key_pair();
  auto head_office = generate_box_key_pair();
  auto sealed = seal_envelope(kPayload, kiosk, head_office.public_key);

  SECTION("payload swapped under the seal: anyone can seal to head office, nobody else can sign") {
    auto inner = raw_open(sealed, head_office);
    inner.back() ^= 0x01;
    CHECK(open_envelope(raw_seal(inner, head_office.public_key), head_office).error().code ==
          EnvelopeErrc::BadSignature);
  }
  SECTION("a valid envelope from another kiosk") {
    auto other = generate_signing_key_pair();
    auto theirs = seal_envelope(kPayload, other, head_office.public_key);
    CHECK(open_envelope(theirs, head_office).has_value());
    CHECK(open_envelope(theirs, head_office, kiosk.public_key).error().code == EnvelopeErrc::WrongSigner);
  }
  SECTION("re-sealed to another recipient: the signature names the first one") {
    auto second = generate_box_key_pair();
    auto inner = raw_open(sealed, head_office);
    CHECK(open_envelope(raw_seal(inner, second.public_key), second).error().code ==
          EnvelopeErrc::BadSignature);
  }
  SECTION("an unknown format tag") {
    auto inner = raw_open(sealed, head_office);
    inner[3] = '9';
    CHECK(open_envelope(raw_seal(inner, head_office.public_key), head_office).error().code ==
          EnvelopeErrc::UnknownFormat);
  }
}
