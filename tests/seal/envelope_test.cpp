#include <sodium.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "kiosk/seal/envelope.hpp"

using namespace kiosk::seal;

namespace {

const std::string kPayload = R"({"client":{"family_name":"CÔTÉ","date_of_birth":"1961-07-23"},"record":{}})";
constexpr std::size_t kOuter = 12;  // tag and key id

EnvelopeHeader header_for(std::int64_t seq, const Hash32& previous = {}) {
  EnvelopeHeader header;
  header.kiosk_id = "store-042-kiosk-1";
  header.seq = seq;
  header.record_id = "0123456789abcdef0123456789abcdef";
  header.record_id.back() = static_cast<char>('0' + seq % 10);
  header.previous = previous;
  return header;
}

BoxKeyring ring_of(std::initializer_list<const BoxKeyPair*> pairs) {
  BoxKeyring ring;
  for (const BoxKeyPair* pair : pairs) ring.add(*pair);
  return ring;
}

// The inner part (header length, header, signature, payload), rebuilt from what opening returns.
std::vector<unsigned char> raw_open(const std::vector<unsigned char>& sealed, const BoxKeyPair& recipient) {
  BoxKeyring ring;
  ring.add(recipient);
  auto opened = open_envelope(sealed, ring, SignatureCheck::Later);
  REQUIRE(opened.has_value());
  const std::string& text = opened->signed_header;
  std::vector<unsigned char> inner;
  inner.reserve(2 + text.size() + opened->signature.size() + opened->payload.size());
  inner.push_back(static_cast<unsigned char>(text.size() >> 8));
  inner.push_back(static_cast<unsigned char>(text.size() & 0xff));
  inner.insert(inner.end(), text.begin(), text.end());
  inner.insert(inner.end(), opened->signature.begin(), opened->signature.end());
  inner.insert(inner.end(), opened->payload.begin(), opened->payload.end());
  return inner;
}

// What anyone holding head office's public key can do: seal arbitrary bytes under any outer label
// (format 2, which older kiosks wrote and head office still opens).
std::vector<unsigned char> raw_seal(const std::vector<unsigned char>& inner, const BoxPublicKey& recipient) {
  std::vector<unsigned char> sealed = {'K', 'C', 'E', '2'};
  const KeyId id = key_id_of(recipient);
  sealed.insert(sealed.end(), id.begin(), id.end());
  sealed.resize(kOuter + inner.size() + crypto_box_SEALBYTES);
  crypto_box_seal(sealed.data() + kOuter, inner.data(), inner.size(), recipient.data());
  return sealed;
}

std::string header_text(const std::vector<unsigned char>& inner) {
  const std::size_t size = (std::size_t{inner[0]} << 8) | inner[1];
  return std::string(inner.begin() + 2, inner.begin() + 2 + static_cast<std::ptrdiff_t>(size));
}

}  // namespace

TEST_CASE("head office opens an envelope and learns its kiosk, number, record and signer") {
  auto kiosk = generate_signing_key_pair();
  auto head_office = generate_box_key_pair();
  auto sealed = seal_envelope(header_for(7), kPayload, kiosk, head_office_key_of(head_office));
  // Sealed means the clear text is nowhere in the bytes.
  const std::string as_text(sealed.bytes.begin(), sealed.bytes.end());
  CHECK(as_text.find("1961-07-23") == std::string::npos);
  CHECK(as_text.find("store-042") == std::string::npos);
  CHECK(sealed.bytes.size() > kMinimumEnvelopeBytes + kPayload.size());
  CHECK(sealed_to(sealed.bytes).value() == key_id_of(head_office.public_key));

  auto opened = open_envelope(sealed.bytes, ring_of({&head_office}));
  REQUIRE(opened.has_value());
  CHECK(opened->payload == kPayload);
  CHECK(opened->header.kiosk_id == "store-042-kiosk-1");
  CHECK(opened->header.seq == 7);
  CHECK(opened->header.record_id == header_for(7).record_id);
  CHECK(opened->header.signer == kiosk.public_key);
  CHECK(opened->header.head_office_key == key_id_of(head_office.public_key));
  CHECK(opened->chain_hash == sealed.chain_hash);
  CHECK(opened->chain_hash ==
        envelope_chain_hash(header_text(raw_open(sealed.bytes, head_office)), kPayload));
}

TEST_CASE("each envelope names the chain hash of the one before, so head office can link them") {
  auto kiosk = generate_signing_key_pair();
  auto head_office = generate_box_key_pair();
  const auto ring = ring_of({&head_office});
  Hash32 previous{};
  Hash32 before_that{};
  for (std::int64_t seq = 1; seq <= 3; ++seq) {
    auto sealed = seal_envelope(header_for(seq, previous), kPayload, kiosk, head_office_key_of(head_office));
    auto opened = open_envelope(sealed.bytes, ring);
    REQUIRE(opened.has_value());
    CHECK(opened->header.previous == previous);
    CHECK(opened->chain_hash != previous);
    before_that = previous;
    previous = opened->chain_hash;
  }
  CHECK(previous != before_that);
  // The same record under another number is another link: a replay under a new number shows.
  auto again = seal_envelope(header_for(4, before_that), kPayload, kiosk, head_office_key_of(head_office));
  CHECK(again.chain_hash != previous);
}

TEST_CASE("key pairs rebuilt from their secrets are the same pairs") {
  auto kiosk = generate_signing_key_pair();
  auto rebuilt = signing_key_pair_from_secret(std::span<const unsigned char, 64>(kiosk.secret.data(), 64));
  CHECK(rebuilt.public_key == kiosk.public_key);
  auto box = generate_box_key_pair();
  CHECK(box_key_pair_from_secret(std::span<const unsigned char, 32>(box.secret.data(), 32)).public_key ==
        box.public_key);
  CHECK(key_id_of(box.public_key) != key_id_of(generate_box_key_pair().public_key));
}

TEST_CASE("an altered, truncated or misaddressed envelope is refused") {
  auto kiosk = generate_signing_key_pair();
  auto head_office = generate_box_key_pair();
  const auto ring = ring_of({&head_office});
  auto sealed = seal_envelope(header_for(1), kPayload, kiosk, head_office_key_of(head_office)).bytes;

  for (std::size_t at : {kOuter, kOuter + 40, sealed.size() / 2, sealed.size() - 1}) {
    auto altered = sealed;
    altered[at] ^= 0x01;
    auto result = open_envelope(altered, ring);
    REQUIRE_FALSE(result.has_value());
    CHECK(result.error().code == EnvelopeErrc::CannotOpen);
  }
  auto relabelled = sealed;
  relabelled[5] ^= 0x01;
  CHECK(open_envelope(relabelled, ring).error().code == EnvelopeErrc::UnknownKey);
  auto retagged = sealed;
  retagged[3] = '1';
  CHECK(open_envelope(retagged, ring).error().code == EnvelopeErrc::UnknownFormat);
  std::vector<unsigned char> truncated(sealed.begin(), sealed.begin() + 20);
  CHECK(open_envelope(truncated, ring).error().code == EnvelopeErrc::TooShort);

  auto stranger = generate_box_key_pair();
  CHECK(open_envelope(sealed, ring_of({&stranger})).error().code == EnvelopeErrc::UnknownKey);
  CHECK(open_envelope(sealed, BoxKeyring{}).error().code == EnvelopeErrc::UnknownKey);
}

TEST_CASE("the kiosk cannot open what it sealed, even with its own signing key turned into a box key") {
  auto kiosk = generate_signing_key_pair();
  auto head_office = generate_box_key_pair();
  auto sealed = seal_envelope(header_for(1), kPayload, kiosk, head_office_key_of(head_office)).bytes;
  BoxKeyPair kiosk_as_box;
  REQUIRE(crypto_sign_ed25519_sk_to_curve25519(kiosk_as_box.secret.data(), kiosk.secret.data()) == 0);
  // Filed under head office's public key, so the keyring hands it over for this key id.
  kiosk_as_box.public_key = head_office.public_key;
  CHECK(open_envelope(sealed, ring_of({&kiosk_as_box})).error().code == EnvelopeErrc::CannotOpen);
}

TEST_CASE("a forged signature, a rewritten header or a re-sealed envelope fails verification") {
  auto kiosk = generate_signing_key_pair();
  auto head_office = generate_box_key_pair();
  const auto ring = ring_of({&head_office});
  auto sealed = seal_envelope(header_for(1), kPayload, kiosk, head_office_key_of(head_office)).bytes;

  SECTION("payload swapped under the seal: anyone can seal to head office, nobody else can sign") {
    auto inner = raw_open(sealed, head_office);
    inner.back() ^= 0x01;
    CHECK(open_envelope(raw_seal(inner, head_office.public_key), ring).error().code ==
          EnvelopeErrc::BadSignature);
  }
  SECTION("the sequence number rewritten to fill a gap") {
    auto inner = raw_open(sealed, head_office);
    const std::string text = header_text(inner);
    const auto at = text.find("\"seq\":1");
    REQUIRE(at != std::string::npos);
    inner[2 + at + 6] = '2';
    CHECK(open_envelope(raw_seal(inner, head_office.public_key), ring).error().code ==
          EnvelopeErrc::BadSignature);
  }
  SECTION("a header in a format this build does not know") {
    auto inner = raw_open(sealed, head_office);
    const auto at = header_text(inner).find("\"v\":2");
    REQUIRE(at != std::string::npos);
    inner[2 + at + 4] = '3';
    CHECK(open_envelope(raw_seal(inner, head_office.public_key), ring).error().code ==
          EnvelopeErrc::BadHeader);
  }
  SECTION("a header length that runs past the end") {
    auto inner = raw_open(sealed, head_office);
    inner[0] = 0xff;
    CHECK(open_envelope(raw_seal(inner, head_office.public_key), ring).error().code ==
          EnvelopeErrc::BadHeader);
  }
  SECTION("re-sealed to another recipient: the header and signature name the first one") {
    auto second = generate_box_key_pair();
    auto inner = raw_open(sealed, head_office);
    CHECK(open_envelope(raw_seal(inner, second.public_key), ring_of({&second})).error().code ==
          EnvelopeErrc::BadHeader);
  }
  SECTION("a valid envelope from another kiosk names that kiosk as its signer") {
    auto other = generate_signing_key_pair();
    auto theirs = seal_envelope(header_for(1), kPayload, other, head_office_key_of(head_office)).bytes;
    auto opened = open_envelope(theirs, ring);
    REQUIRE(opened.has_value());
    CHECK(opened->header.signer == other.public_key);
    CHECK(opened->header.signer != kiosk.public_key);
  }
}

TEST_CASE("a format-2 envelope an older kiosk queued still opens, with the same chain hash") {
  auto kiosk = generate_signing_key_pair();
  auto head_office = generate_box_key_pair();
  const auto ring = ring_of({&head_office});
  const auto sealed = seal_envelope(header_for(3), kPayload, kiosk, head_office_key_of(head_office));
  const auto format2 = raw_seal(raw_open(sealed.bytes, head_office), head_office.public_key);
  REQUIRE(std::string(format2.begin(), format2.begin() + 4) == "KCE2");
  auto opened = open_envelope(format2, ring);
  REQUIRE(opened.has_value());
  CHECK(opened->signature_checked);
  CHECK(opened->header.seq == 3);
  CHECK(opened->payload == kPayload);
  CHECK(opened->chain_hash == sealed.chain_hash);
}

TEST_CASE("a kiosk's window seals records under one key agreement, each openable alone and in any order") {
  auto kiosk = generate_signing_key_pair();
  auto head_office = generate_box_key_pair();
  const auto ring = ring_of({&head_office});
  SealingWindow window;
  std::vector<std::vector<unsigned char>> sealed;
  Hash32 previous{};
  for (int seq = 1; seq <= 3; ++seq) {
    auto next = window.seal(header_for(seq, previous), kPayload, kiosk, head_office_key_of(head_office));
    previous = next.chain_hash;
    sealed.push_back(std::move(next.bytes));
  }
  for (const auto& bytes : sealed) REQUIRE(std::string(bytes.begin(), bytes.begin() + 4) == "KCE3");
  // Bytes 12..43 carry the window's public key, 44..47 the record's index in it.
  CHECK(std::equal(sealed[0].begin() + 12, sealed[0].begin() + 44, sealed[2].begin() + 12));
  CHECK(sealed[2][47] == 2);
  // The same payload under successive keys: no two ciphertexts alike.
  CHECK(!std::equal(sealed[0].begin() + 48, sealed[0].end(), sealed[1].begin() + 48, sealed[1].end()));

  EnvelopeOpener opener;
  for (std::size_t i : {2u, 0u, 1u}) {
    auto opened = opener.open(sealed[i], ring);
    REQUIRE(opened.has_value());
    CHECK(opened->header.seq == static_cast<std::int64_t>(i) + 1);
    CHECK(opened->payload == kPayload);
    CHECK(open_envelope(sealed[i], ring).has_value());
  }

  SECTION("a record's index rewritten points at another key, and the record no longer opens") {
    auto moved = sealed[1];
    moved[47] = 0;
    CHECK(opener.open(moved, ring).error().code == EnvelopeErrc::CannotOpen);
    moved[44] = 0xff;  // past any window's end
    CHECK(opener.open(moved, ring).error().code == EnvelopeErrc::CannotOpen);
  }
  SECTION("a new head-office key starts a new window") {
    auto rotated = generate_box_key_pair();
    auto next = window.seal(header_for(4, previous), kPayload, kiosk, head_office_key_of(rotated)).bytes;
    CHECK(!std::equal(sealed[0].begin() + 12, sealed[0].begin() + 44, next.begin() + 12));
    CHECK(next[47] == 0);
    CHECK(opener.open(next, ring_of({&head_office, &rotated})).has_value());
  }
}

TEST_CASE("a window closes after 1024 records and the next record opens a new one") {
  auto kiosk = generate_signing_key_pair();
  auto head_office = generate_box_key_pair();
  SealingWindow window;
  std::vector<unsigned char> first, last, after;
  for (int seq = 1; seq <= 1025; ++seq) {
    auto bytes = window.seal(header_for(seq), "{}", kiosk, head_office_key_of(head_office)).bytes;
    if (seq == 1) first = bytes;
    if (seq == 1024) last = bytes;
    if (seq == 1025) after = std::move(bytes);
  }
  CHECK(std::equal(first.begin() + 12, first.begin() + 44, last.begin() + 12));
  CHECK((std::size_t{last[46]} << 8 | last[47]) == 1023);
  CHECK(!std::equal(first.begin() + 12, first.begin() + 44, after.begin() + 12));
  CHECK((std::size_t{after[46]} << 8 | after[47]) == 0);
  EnvelopeOpener opener;
  CHECK(opener.open(last, ring_of({&head_office})).value().header.seq == 1024);
  CHECK(opener.open(after, ring_of({&head_office})).value().header.seq == 1025);
}

TEST_CASE("a signature left for later is checked on its own, or vouched for by the next record's") {
  auto kiosk = generate_signing_key_pair();
  auto head_office = generate_box_key_pair();
  const auto ring = ring_of({&head_office});
  SealingWindow window;
  auto first = window.seal(header_for(1), kPayload, kiosk, head_office_key_of(head_office));
  auto second =
      window.seal(header_for(2, first.chain_hash), kPayload, kiosk, head_office_key_of(head_office));
  auto unrelated = window.seal(header_for(2), kPayload, kiosk, head_office_key_of(head_office));

  auto one = open_envelope(first.bytes, ring, SignatureCheck::Later).value();
  auto two = open_envelope(second.bytes, ring, SignatureCheck::Later).value();
  auto other = open_envelope(unrelated.bytes, ring, SignatureCheck::Later).value();
  CHECK_FALSE(one.signature_checked);
  CHECK(signature_holds(one));
  CHECK(signature_holds(two));
  CHECK(vouches_for(two, one));
  CHECK_FALSE(vouches_for(one, two));
  CHECK_FALSE(vouches_for(other, one));

  // A forged signature opens when the check is left for later, and fails it.
  auto inner = raw_open(first.bytes, head_office);
  inner[2 + one.signed_header.size()] ^= 0x01;
  auto forged = open_envelope(raw_seal(inner, head_office.public_key), ring, SignatureCheck::Later);
  REQUIRE(forged.has_value());
  CHECK_FALSE(signature_holds(*forged));
  // Its content is still the first record's: the second record vouches for exactly that content.
  CHECK(vouches_for(two, *forged));
  inner.back() ^= 0x01;
  auto altered = open_envelope(raw_seal(inner, head_office.public_key), ring, SignatureCheck::Later);
  REQUIRE(altered.has_value());
  CHECK_FALSE(vouches_for(two, *altered));
}

TEST_CASE("after a key rotation head office opens envelopes sealed to its old and its new key") {
  auto kiosk = generate_signing_key_pair();
  auto old_key = generate_box_key_pair();
  auto new_key = generate_box_key_pair();
  auto before = seal_envelope(header_for(1), kPayload, kiosk, head_office_key_of(old_key)).bytes;
  auto after = seal_envelope(header_for(2), kPayload, kiosk, head_office_key_of(new_key)).bytes;
  const auto both = ring_of({&old_key, &new_key});
  CHECK(both.newest().public_key == new_key.public_key);
  CHECK(open_envelope(before, both).has_value());
  CHECK(open_envelope(after, both).has_value());
  // A key head office dropped opens nothing any more.
  CHECK(open_envelope(before, ring_of({&new_key})).error().code == EnvelopeErrc::UnknownKey);
}

TEST_CASE("a sealed request opens only as a request, and an envelope never passes as one") {
  auto kiosk = generate_signing_key_pair();
  auto head_office = generate_box_key_pair();
  const auto ring = ring_of({&head_office});
  const std::string question = R"({"issuer":"QC","document_number":"L1234-561107-09"})";
  auto request = seal_to_head_office(question, head_office_key_of(head_office));
  CHECK(std::string(request.begin(), request.end()).find("L1234") == std::string::npos);
  CHECK(open_from_kiosk(request, ring).value() == question);
  CHECK(open_envelope(request, ring).error().code == EnvelopeErrc::UnknownFormat);
  auto envelope = seal_envelope(header_for(1), kPayload, kiosk, head_office_key_of(head_office)).bytes;
  CHECK(open_from_kiosk(envelope, ring).error().code == EnvelopeErrc::UnknownFormat);
}

TEST_CASE("hex and base64url round-trip and refuse what is not theirs") {
  const std::vector<unsigned char> bytes = {0x00, 0xfb, 0xff, 0x10, 0x7e};
  CHECK(to_hex(bytes) == "00fbff107e");
  CHECK(from_hex("00fbff107e", 5).value() == bytes);
  CHECK_FALSE(from_hex("00fbff107", 5).has_value());
  CHECK_FALSE(from_hex("00fbff107g", 5).has_value());
  CHECK(to_base64url(bytes) == "APv_EH4");
  CHECK(from_base64url("APv_EH4").value() == bytes);
  CHECK_FALSE(from_base64url("APv/EH4").has_value());
  CHECK_FALSE(from_base64url("APv_EH4=").has_value());
}

TEST_CASE("a signature made for one purpose never verifies for another") {
  auto signer = generate_signing_key_pair();
  const std::string message = "record 42";
  auto signature = sign_parts("purpose-a/1", {bytes_of(message)}, signer);
  CHECK(verify_parts("purpose-a/1", {bytes_of(message)}, signature, signer.public_key));
  CHECK_FALSE(verify_parts("purpose-b/1", {bytes_of(message)}, signature, signer.public_key));
  // Parts are framed: moving a byte across a boundary is another message.
  CHECK_FALSE(
      verify_parts("purpose-a/1", {bytes_of("record"), bytes_of(" 42")}, signature, signer.public_key));
  CHECK_FALSE(
      verify_parts("purpose-a/1", {bytes_of(message)}, signature, generate_signing_key_pair().public_key));
  const std::vector<unsigned char> key(32, 7);
  CHECK(hash_parts("d", {bytes_of(message)}, key) != hash_parts("d", {bytes_of(message)}));
  CHECK(equal_secret(hash_parts("d", {bytes_of(message)}), hash_parts("d", {bytes_of(message)})));
}
