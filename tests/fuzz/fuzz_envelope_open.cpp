// libFuzzer harness for head office's envelope parser: the fuzz input is the inner plaintext of an
// envelope (header length, header JSON, signature, payload), sealed to a fixed head-office key,
// so that seal::open_envelope gets past the box and exercises the header parser and the signature
// check. Whatever it accepts must name the key it was sealed to, a kiosk and a number, and carry
// a payload that is the tail of the input.
//
// With KIOSK_FUZZ_SEED_DIR set, it writes a seed corpus there (the inner plaintexts of real
// envelopes) and exits (tests/fuzz/run-fuzzers.sh).
#include <sodium.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "kiosk/seal/envelope.hpp"

using namespace kiosk::seal;

namespace {

// Fixed keys: a crash found once reproduces from its input alone.
const BoxKeyPair& fixed_head_office() {
  static const BoxKeyPair pair = [] {
    std::array<unsigned char, 32> secret{};
    secret.fill(0x42);
    return box_key_pair_from_secret(secret);
  }();
  return pair;
}

const SigningKeyPair& fixed_kiosk() {
  static const SigningKeyPair pair = [] {
    unsigned char seed[crypto_sign_SEEDBYTES];
    std::memset(seed, 0x17, sizeof seed);
    unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
    std::array<unsigned char, 64> secret{};
    crypto_sign_seed_keypair(public_key, secret.data(), seed);
    return signing_key_pair_from_secret(secret);
  }();
  return pair;
}

const BoxKeyring& keyring() {
  static const BoxKeyring ring = [] {
    BoxKeyring out;
    out.add(fixed_head_office());
    return out;
  }();
  return ring;
}

std::vector<unsigned char> sealed_from_inner(const std::uint8_t* data, std::size_t size) {
  const HeadOfficeBoxKey key = head_office_key_of(fixed_head_office());
  std::vector<unsigned char> sealed = {'K', 'C', 'E', '2'};
  sealed.insert(sealed.end(), key.id.begin(), key.id.end());
  sealed.resize(12 + size + crypto_box_SEALBYTES);
  crypto_box_seal(sealed.data() + 12, data, size, key.public_key.data());
  return sealed;
}

void require(bool holds, const char* what) {
  if (holds) return;
  std::fprintf(stderr, "accepted envelope breaks an invariant: %s\n", what);
  std::abort();
}

void write_seeds(const std::string& dir) {
  const HeadOfficeBoxKey key = head_office_key_of(fixed_head_office());
  int index = 0;
  for (const std::string payload : {"", "{}", R"({"format":1,"kiosk_id":"k","record":{},"client":{}})"}) {
    EnvelopeHeader header{"store-1-kiosk", index + 1, "0123456789abcdef0123456789abcdef", {}, {}, {}};
    const SealedEnvelope sealed = seal_envelope(header, payload, fixed_kiosk(), key);
    // The inner part, rebuilt from what opening returns: the seed is what the fuzzer seals itself.
    auto opened = open_envelope(sealed.bytes, keyring(), SignatureCheck::Later);
    if (!opened) std::abort();
    const std::string& text = opened->signed_header;
    std::vector<unsigned char> inner;
    inner.push_back(static_cast<unsigned char>(text.size() >> 8));
    inner.push_back(static_cast<unsigned char>(text.size() & 0xff));
    inner.insert(inner.end(), text.begin(), text.end());
    inner.insert(inner.end(), opened->signature.begin(), opened->signature.end());
    inner.insert(inner.end(), opened->payload.begin(), opened->payload.end());
    std::ofstream(dir + "/seed-" + std::to_string(index++), std::ios::binary)
        .write(reinterpret_cast<const char*>(inner.data()), static_cast<std::streamsize>(inner.size()));
  }
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (sodium_init() < 0) std::abort();
  if (const char* dir = std::getenv("KIOSK_FUZZ_SEED_DIR")) {
    write_seeds(dir);
    std::exit(0);
  }
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::vector<unsigned char> sealed = sealed_from_inner(data, size);
  auto opened = open_envelope(sealed, keyring());
  if (!opened) {
    require(
        opened.error().code == EnvelopeErrc::BadHeader || opened.error().code == EnvelopeErrc::BadSignature,
        "the box opens, so only the header or the signature can be wrong");
    return 0;
  }
  require(opened->header.head_office_key == head_office_key_of(fixed_head_office()).id,
          "names the key it was sealed to");
  require(!opened->header.kiosk_id.empty() && !opened->header.record_id.empty(),
          "names a kiosk and a record");
  require(opened->header.seq >= 1, "numbers start at 1");
  require(opened->payload.size() <= size &&
              std::memcmp(opened->payload.data(), data + size - opened->payload.size(),
                          opened->payload.size()) == 0,
          "the payload is the tail of what was sealed");
  // Only the fixed kiosk's key can have signed what opens (the fuzzer cannot forge Ed25519).
  require(opened->header.signer == fixed_kiosk().public_key, "signed by the only key that can sign");
  return 0;
}
