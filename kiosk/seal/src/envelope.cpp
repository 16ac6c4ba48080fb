#include "kiosk/seal/envelope.hpp"

#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <nlohmann/json.hpp>

#include "envelope_window.hpp"

namespace kiosk::seal {
namespace {

using nlohmann::json;

constexpr std::array<unsigned char, 4> kEnvelopeTag = {'K', 'C', 'E', '2'};
constexpr std::array<unsigned char, 4> kRequestTag = {'K', 'C', 'R', '1'};
constexpr std::size_t kOuterHeader = 4 + sizeof(KeyId);
constexpr std::string_view kSignatureDomain = "kiosk-consent-envelope/2";
constexpr std::string_view kChainDomain = "kiosk-envelope-chain/2";
// A header is a few hundred bytes; the limit keeps a hostile one from costing anything.
constexpr std::size_t kMaxHeader = 4096;

std::string header_json(const EnvelopeHeader& header) {
  // nlohmann's object keeps keys sorted: the same header always serializes to the same bytes.
  const json out = {{"v", kEnvelopeFormat},
                    {"kiosk", header.kiosk_id},
                    {"seq", header.seq},
                    {"record", header.record_id},
                    {"hq_key", to_hex(header.head_office_key)},
                    {"prev", to_hex(header.previous)},
                    {"signer", to_hex(header.signer)}};
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

template <std::size_t N>
bool read_hex(const json& node, const char* key, std::array<unsigned char, N>& out) {
  auto it = node.find(key);
  if (it == node.end() || !it->is_string()) return false;
  auto bytes = array_from_hex<N>(it->get_ref<const std::string&>());
  if (!bytes) return false;
  out = *bytes;
  return true;
}

std::optional<EnvelopeHeader> parse_header(std::string_view text) {
  const json node = json::parse(text, nullptr, false);
  if (!node.is_object()) return std::nullopt;
  auto version = node.find("v");
  auto kiosk = node.find("kiosk");
  auto seq = node.find("seq");
  auto record = node.find("record");
  if (version == node.end() || !version->is_number_integer() || version->get<int>() != kEnvelopeFormat ||
      kiosk == node.end() || !kiosk->is_string() || seq == node.end() || !seq->is_number_integer() ||
      record == node.end() || !record->is_string()) {
    return std::nullopt;
  }
  EnvelopeHeader header;
  header.kiosk_id = kiosk->get<std::string>();
  header.seq = seq->get<std::int64_t>();
  header.record_id = record->get<std::string>();
  if (header.kiosk_id.empty() || header.record_id.empty() || header.seq < 1) return std::nullopt;
  if (!read_hex(node, "hq_key", header.head_office_key) || !read_hex(node, "prev", header.previous) ||
      !read_hex(node, "signer", header.signer)) {
    return std::nullopt;
  }
  return header;
}

std::vector<unsigned char> with_outer(const std::array<unsigned char, 4>& tag, const KeyId& key,
                                      std::span<const unsigned char> inner, const BoxPublicKey& recipient) {
  std::vector<unsigned char> sealed(kOuterHeader + inner.size() + crypto_box_SEALBYTES);
  std::memcpy(sealed.data(), tag.data(), tag.size());
  std::memcpy(sealed.data() + tag.size(), key.data(), key.size());
  crypto_box_seal(sealed.data() + kOuterHeader, inner.data(), inner.size(), recipient.data());
  return sealed;
}

// Opens the box behind an outer header with the key it names. The plaintext is wiped by the
// caller once read.
Expected<std::vector<unsigned char>, EnvelopeError> open_outer(const std::array<unsigned char, 4>& tag,
                                                               std::span<const unsigned char> sealed,
                                                               const BoxKeyring& keyring,
                                                               const BoxKeyPair** used) {
  if (sealed.size() < kOuterHeader + crypto_box_SEALBYTES) return fail(EnvelopeError{EnvelopeErrc::TooShort});
  if (!std::equal(tag.begin(), tag.end(), sealed.begin()))
    return fail(EnvelopeError{EnvelopeErrc::UnknownFormat});
  KeyId id{};
  std::memcpy(id.data(), sealed.data() + tag.size(), id.size());
  const BoxKeyPair* key = keyring.find(id);
  if (key == nullptr) return fail(EnvelopeError{EnvelopeErrc::UnknownKey});
  std::vector<unsigned char> inner(sealed.size() - kOuterHeader - crypto_box_SEALBYTES);
  if (crypto_box_seal_open(inner.data(), sealed.data() + kOuterHeader, sealed.size() - kOuterHeader,
                           key->public_key.data(), key->secret.data()) != 0) {
    return fail(EnvelopeError{EnvelopeErrc::CannotOpen});
  }
  if (used != nullptr) *used = key;
  return inner;
}

// The inner part, whichever outer format carried it.
Expected<OpenedEnvelope, EnvelopeError> read_inner(std::span<const unsigned char> inner,
                                                   const BoxKeyPair& key, SignatureCheck check) {
  const std::size_t header_size = inner.size() < 2 ? 0 : (std::size_t{inner[0]} << 8) | inner[1];
  if (inner.size() < 2 || header_size == 0 || header_size > kMaxHeader ||
      inner.size() < 2 + header_size + crypto_sign_BYTES) {
    return fail(EnvelopeError{EnvelopeErrc::BadHeader});
  }
  const std::string_view text(reinterpret_cast<const char*>(inner.data() + 2), header_size);
  auto header = parse_header(text);
  if (!header || header->head_office_key != key_id_of(key.public_key)) {
    return fail(EnvelopeError{EnvelopeErrc::BadHeader});
  }
  const std::size_t payload_at = 2 + header_size + crypto_sign_BYTES;
  OpenedEnvelope opened;
  opened.header = std::move(*header);
  opened.payload.assign(reinterpret_cast<const char*>(inner.data() + payload_at), inner.size() - payload_at);
  opened.signed_header.assign(text);
  std::memcpy(opened.signature.data(), inner.data() + 2 + header_size, crypto_sign_BYTES);
  opened.sealed_to = key.public_key;
  opened.chain_hash = envelope_chain_hash(text, opened.payload);
  if (check == SignatureCheck::Now) {
    if (!signature_holds(opened)) return fail(EnvelopeError{EnvelopeErrc::BadSignature});
    opened.signature_checked = true;
  }
  return opened;
}

Expected<std::vector<unsigned char>, EnvelopeError> open_window_outer(std::span<const unsigned char> sealed,
                                                                      const BoxKeyring& keyring,
                                                                      window::OpeningCache& cache,
                                                                      const BoxKeyPair** used) {
  if (sealed.size() < window::kOuterBytes + window::kTagBytes)
    return fail(EnvelopeError{EnvelopeErrc::TooShort});
  KeyId id{};
  std::memcpy(id.data(), sealed.data() + 4, id.size());
  const BoxKeyPair* key = keyring.find(id);
  if (key == nullptr) return fail(EnvelopeError{EnvelopeErrc::UnknownKey});
  BoxPublicKey window_public{};
  std::memcpy(window_public.data(), sealed.data() + 12, window_public.size());
  std::uint32_t index = 0;
  for (std::size_t byte = 44; byte < 48; ++byte) index = (index << 8) | sealed[byte];
  auto message_key = cache.message_key_for(*key, window_public, index);
  if (!message_key) return fail(EnvelopeError{EnvelopeErrc::CannotOpen});
  auto inner = window::open_inner(sealed, *message_key);
  if (!inner) return fail(EnvelopeError{EnvelopeErrc::CannotOpen});
  *used = key;
  return std::move(*inner);
}

Expected<OpenedEnvelope, EnvelopeError> open_sealed(std::span<const unsigned char> sealed,
                                                    const BoxKeyring& keyring, window::OpeningCache& cache,
                                                    SignatureCheck check) {
  const BoxKeyPair* key = nullptr;
  Expected<std::vector<unsigned char>, EnvelopeError> inner =
      fail(EnvelopeError{EnvelopeErrc::UnknownFormat});
  if (sealed.size() >= 4 && std::equal(window::kTag.begin(), window::kTag.end(), sealed.begin())) {
    inner = open_window_outer(sealed, keyring, cache, &key);
  } else {
    inner = open_outer(kEnvelopeTag, sealed, keyring, &key);
  }
  if (!inner) return fail(inner.error());
  struct Wipe {
    std::vector<unsigned char>& bytes;
    ~Wipe() { sodium_memzero(bytes.data(), bytes.size()); }
  } wipe{*inner};
  return read_inner(*inner, *key, check);
}

}  // namespace

std::string_view to_string(EnvelopeErrc code) {
  switch (code) {
    case EnvelopeErrc::TooShort: return "envelope-too-short";
    case EnvelopeErrc::UnknownFormat: return "envelope-unknown-format";
    case EnvelopeErrc::UnknownKey: return "envelope-unknown-key";
    case EnvelopeErrc::CannotOpen: return "envelope-cannot-open";
    case EnvelopeErrc::BadHeader: return "envelope-bad-header";
    case EnvelopeErrc::BadSignature: return "envelope-bad-signature";
  }
  return "envelope-error";
}

const BoxKeyPair* BoxKeyring::find(const KeyId& id) const {
  for (const BoxKeyPair& pair : keys_) {
    if (key_id_of(pair.public_key) == id) return &pair;
  }
  return nullptr;
}

Hash32 envelope_chain_hash(std::string_view header, std::string_view payload) {
  return hash_parts(kChainDomain, {bytes_of(header), bytes_of(payload)});
}

SealingWindow::SealingWindow() : state_(std::make_unique<window::SealingState>()) {}
SealingWindow::~SealingWindow() = default;
SealingWindow::SealingWindow(SealingWindow&&) noexcept = default;
SealingWindow& SealingWindow::operator=(SealingWindow&&) noexcept = default;

SealedEnvelope SealingWindow::seal(EnvelopeHeader header, std::string_view payload,
                                   const SigningKeyPair& kiosk, const HeadOfficeBoxKey& head_office) {
  header.head_office_key = head_office.id;
  header.signer = kiosk.public_key;
  const std::string text = header_json(header);
  const Signature signature =
      sign_parts(kSignatureDomain, {head_office.public_key, bytes_of(text), bytes_of(payload)}, kiosk);

  std::vector<unsigned char> inner(2 + text.size() + signature.size() + payload.size());
  inner[0] = static_cast<unsigned char>(text.size() >> 8);
  inner[1] = static_cast<unsigned char>(text.size() & 0xff);
  unsigned char* at = inner.data() + 2;
  std::memcpy(at, text.data(), text.size());
  at += text.size();
  std::memcpy(at, signature.data(), signature.size());
  at += signature.size();
  if (!payload.empty()) std::memcpy(at, payload.data(), payload.size());

  SealedEnvelope out;
  out.bytes = state_->seal(inner, head_office);
  out.chain_hash = envelope_chain_hash(text, payload);
  // The clear record must not linger in freed memory.
  sodium_memzero(inner.data(), inner.size());
  return out;
}

SealedEnvelope seal_envelope(EnvelopeHeader header, std::string_view payload, const SigningKeyPair& kiosk,
                             const HeadOfficeBoxKey& head_office) {
  SealingWindow once;
  return once.seal(std::move(header), payload, kiosk, head_office);
}

Expected<KeyId, EnvelopeError> sealed_to(std::span<const unsigned char> sealed) {
  if (sealed.size() < kOuterHeader) return fail(EnvelopeError{EnvelopeErrc::TooShort});
  KeyId id{};
  std::memcpy(id.data(), sealed.data() + 4, id.size());
  return id;
}

Expected<OpenedEnvelope, EnvelopeError> open_envelope(std::span<const unsigned char> sealed,
                                                      const BoxKeyring& head_office, SignatureCheck check) {
  window::OpeningCache uncached(0);
  return open_sealed(sealed, head_office, uncached, check);
}

EnvelopeOpener::EnvelopeOpener(std::size_t windows_kept)
    : cache_(std::make_unique<window::OpeningCache>(std::max<std::size_t>(1, windows_kept))) {}
EnvelopeOpener::~EnvelopeOpener() = default;

Expected<OpenedEnvelope, EnvelopeError> EnvelopeOpener::open(std::span<const unsigned char> sealed,
                                                             const BoxKeyring& head_office,
                                                             SignatureCheck check) {
  return open_sealed(sealed, head_office, *cache_, check);
}

bool signature_holds(const OpenedEnvelope& opened) {
  return verify_parts(kSignatureDomain,
                      {opened.sealed_to, bytes_of(opened.signed_header), bytes_of(opened.payload)},
                      opened.signature, opened.header.signer);
}

bool vouches_for(const OpenedEnvelope& next, const OpenedEnvelope& previous) {
  return next.header.kiosk_id == previous.header.kiosk_id && next.header.previous == previous.chain_hash;
}

std::vector<unsigned char> seal_to_head_office(std::string_view plaintext,
                                               const HeadOfficeBoxKey& head_office) {
  return with_outer(kRequestTag, head_office.id, bytes_of(plaintext), head_office.public_key);
}

Expected<std::string, EnvelopeError> open_from_kiosk(std::span<const unsigned char> sealed,
                                                     const BoxKeyring& head_office) {
  auto inner = open_outer(kRequestTag, sealed, head_office, nullptr);
  if (!inner) return fail(inner.error());
  std::string text(inner->begin(), inner->end());
  sodium_memzero(inner->data(), inner->size());
  return text;
}

}  // namespace kiosk::seal
