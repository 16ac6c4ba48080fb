#include "kiosk/drivers/scanner/hid_pos_descriptor.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <map>
#include <optional>
#include <vector>

namespace kiosk::drivers {
namespace {

// Usages are page << 16 | id (HID POS Usage Tables 1.02; HID Usage Tables, Generic Desktop).
constexpr std::uint32_t kBarcodeScannerPage = 0x8C;
constexpr std::uint32_t kSymbologyIdentifier1 = 0x8C00FB;
constexpr std::uint32_t kDecodedData = 0x8C00FE;
constexpr std::uint32_t kDecodeDataContinued = 0x8C00FF;
constexpr std::uint32_t kByteCount = 0x01003B;

// 0x01 Bar Code Badge Reader, 0x02 Bar Code Scanner, 0x03 Dumb Bar Code Scanner.
bool is_scanner_usage(std::uint32_t usage) {
  return (usage >> 16) == kBarcodeScannerPage && (usage & 0xFFFF) >= 0x01 && (usage & 0xFFFF) <= 0x03;
}

// Bounds that no real descriptor approaches; they keep a hostile one from costing memory or time.
constexpr std::size_t kMaxLocalUsages = 256;
constexpr std::size_t kMaxDepth = 32;
constexpr std::size_t kMaxReportBits = 64 * 1024 * 8;

enum class ItemType { Main = 0, Global = 1, Local = 2, Reserved = 3 };

struct Globals {
  std::uint32_t usage_page = 0;
  std::uint32_t report_size = 0;
  std::uint32_t report_count = 0;
  std::uint32_t report_id = 0;
};

struct Locals {
  std::vector<std::uint32_t> usages;
  std::optional<std::uint32_t> minimum;
  std::optional<std::uint32_t> maximum;
};

// Where the scanner fields of one report id sit, in bits from the first bit after the id byte.
struct ReportFields {
  std::optional<std::size_t> length_bit;
  std::array<std::optional<std::size_t>, 3> symbology_bits;
  std::optional<std::size_t> data_bit;
  std::size_t data_bits = 0;
  std::optional<std::size_t> continued_bit;
};

HidDescriptorError malformed(std::string detail) {
  return {HidDescriptorErrc::Malformed, std::move(detail)};
}

std::string hex(std::uint32_t value, int digits) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%0*X", digits, value);
  return text;
}

class DescriptorWalker {
 public:
  Expected<HidPosReportLayout, HidDescriptorError> walk(std::span<const std::uint8_t> d) {
    std::size_t i = 0;
    while (i < d.size()) {
      const std::uint8_t prefix = d[i];
      if (prefix == 0xFE) {  // long item: size, tag, data; no standard long items exist
        if (i + 2 >= d.size())
          return fail(malformed("long item at offset " + std::to_string(i) + " is cut off"));
        i += 3 + std::size_t{d[i + 1]};
        if (i > d.size()) return fail(malformed("long item runs past the end"));
        continue;
      }
      const std::size_t size = (prefix & 3U) == 3 ? 4 : (prefix & 3U);
      if (i + 1 + size > d.size()) {
        return fail(malformed("item at offset " + std::to_string(i) + " runs past the end"));
      }
      std::uint32_t value = 0;
      for (std::size_t b = 0; b < size; ++b) value |= static_cast<std::uint32_t>(d[i + 1 + b]) << (8 * b);
      const auto type = static_cast<ItemType>((prefix >> 2) & 3U);
      const unsigned tag = prefix >> 4;
      const std::size_t at = i;
      i += 1 + size;
      std::optional<HidDescriptorError> problem;
      switch (type) {
        case ItemType::Main: problem = main_item(tag, value, at); break;
        case ItemType::Global: problem = global_item(tag, value); break;
        case ItemType::Local: problem = local_item(tag, value, size); break;
        case ItemType::Reserved: break;
      }
      if (problem) return fail(std::move(*problem));
    }
    if (!collections_.empty()) return fail(malformed("a collection is never closed"));
    return layout();
  }

 private:
  std::optional<HidDescriptorError> main_item(unsigned tag, std::uint32_t value, std::size_t at) {
    std::optional<HidDescriptorError> problem;
    switch (tag) {
      case 0x8: problem = input_item(value); break;
      case 0xA: {  // Collection
        if (collections_.size() >= kMaxDepth) return malformed("collections nested too deep");
        const std::uint32_t usage = locals_.usages.empty() ? locals_.minimum.value_or(0) : locals_.usages[0];
        if (collections_.empty() && value == 1) {  // a top-level application collection
          if (!first_application_) first_application_ = usage;
          if (is_scanner_usage(usage)) {
            found_scanner_ = true;
            scanner_depth_ = 1;
          }
        }
        collections_.push_back(usage);
        break;
      }
      case 0xC:  // End Collection
        if (collections_.empty())
          return malformed("End Collection without a collection at offset " + std::to_string(at));
        collections_.pop_back();
        if (collections_.size() < scanner_depth_) scanner_depth_ = 0;
        break;
      default: break;  // Output, Feature: not part of input reports
    }
    locals_ = {};
    return problem;
  }

  std::optional<HidDescriptorError> global_item(unsigned tag, std::uint32_t value) {
    switch (tag) {
      case 0x0: globals_.usage_page = value & 0xFFFF; break;
      case 0x7: globals_.report_size = value; break;
      case 0x8:
        if (value == 0 || value > 0xFF) return malformed("report id " + std::to_string(value));
        globals_.report_id = value;
        uses_report_ids_ = true;
        break;
      case 0x9: globals_.report_count = value; break;
      case 0xA:
        if (pushed_.size() >= kMaxDepth) return malformed("Push nested too deep");
        pushed_.push_back(globals_);
        break;
      case 0xB:
        if (pushed_.empty()) return malformed("Pop without Push");
        globals_ = pushed_.back();
        pushed_.pop_back();
        break;
      default: break;
    }
    return std::nullopt;
  }

  std::optional<HidDescriptorError> local_item(unsigned tag, std::uint32_t value, std::size_t size) {
    // A 4-byte usage names its own page; a shorter one takes the current Usage Page.
    const std::uint32_t usage = size == 4 ? value : (globals_.usage_page << 16) | (value & 0xFFFF);
    switch (tag) {
      case 0x0:
        if (locals_.usages.size() >= kMaxLocalUsages)
          return malformed("too many usages before one main item");
        locals_.usages.push_back(usage);
        break;
      case 0x1: locals_.minimum = usage; break;
      case 0x2: locals_.maximum = usage; break;
      default: break;
    }
    return std::nullopt;
  }

  std::optional<HidDescriptorError> input_item(std::uint32_t flags) {
    const std::size_t bits = std::size_t{globals_.report_size} * std::size_t{globals_.report_count};
    std::size_t& offset = offsets_[globals_.report_id];
    if (globals_.report_size > 1024 || globals_.report_count > 0xFFFF || offset + bits > kMaxReportBits) {
      return malformed("input report larger than 64 KiB");
    }
    const bool constant = (flags & 0x001U) != 0;
    const bool variable = (flags & 0x002U) != 0;
    const bool buffered_bytes = (flags & 0x100U) != 0;
    if (!constant && scanner_depth_ != 0) {
      std::vector<std::uint32_t> usages = locals_.usages;
      if (usages.empty() && locals_.minimum && locals_.maximum && *locals_.maximum >= *locals_.minimum) {
        for (std::uint32_t u = *locals_.minimum; u <= *locals_.maximum && usages.size() < kMaxLocalUsages;
             ++u) {
          usages.push_back(u);
        }
      }
      if (!usages.empty()) {
        if (buffered_bytes || !variable) {
          // One value spanning the whole item (Decoded Data is declared as Buffered Bytes).
          assign(usages[0], offset, bits);
        } else {
          // Field k takes usage k; fields past the list repeat the last usage, which matters
          // only for Decoded Data declared one byte per field.
          const std::size_t size = globals_.report_size;
          const std::size_t listed = std::min<std::size_t>(globals_.report_count, usages.size());
          for (std::size_t k = 0; k < listed; ++k) assign(usages[k], offset + k * size, size);
          if (globals_.report_count > listed && usages.back() == kDecodedData) {
            assign(kDecodedData, offset + listed * size, (globals_.report_count - listed) * size);
          }
        }
      }
    }
    offset += bits;
    return std::nullopt;
  }

  void assign(std::uint32_t usage, std::size_t bit, std::size_t width) {
    if (width == 0) return;  // a Report Size of 0 declares nothing (and would sit past the report)
    ReportFields& fields = fields_[globals_.report_id];
    if (usage == kDecodedData) {
      if (!fields.data_bit) {
        fields.data_bit = bit;
        fields.data_bits = width;
      } else if (*fields.data_bit + fields.data_bits == bit) {
        fields.data_bits += width;  // a Variable item lists the data one byte per field
      }
    } else if (usage >= kSymbologyIdentifier1 && usage < kSymbologyIdentifier1 + 3) {
      auto& slot = fields.symbology_bits[usage - kSymbologyIdentifier1];
      if (!slot && width == 8) slot = bit;
    } else if (usage == kDecodeDataContinued) {
      if (!fields.continued_bit) fields.continued_bit = bit;
    } else if (usage == kByteCount) {
      if (!fields.length_bit && width == 8) fields.length_bit = bit;
    }
  }

  Expected<HidPosReportLayout, HidDescriptorError> layout() const {
    if (!found_scanner_) {
      std::string detail = "no Bar Code Scanner collection (usage page 0x8C)";
      if (first_application_) {
        detail += "; top-level usage page " + hex(*first_application_ >> 16, 4) + " usage " +
                  hex(*first_application_ & 0xFFFF, 2);
      }
      return fail(HidDescriptorError{HidDescriptorErrc::NotBarcodeScanner, detail});
    }
    for (const auto& [id, fields] : fields_) {
      if (!fields.data_bit || fields.data_bits == 0) continue;
      if (*fields.data_bit % 8 != 0 || fields.data_bits % 8 != 0 ||
          (fields.length_bit && *fields.length_bit % 8 != 0)) {
        return fail(HidDescriptorError{HidDescriptorErrc::NoScannedDataReport,
                                       "decoded data field is not byte-aligned"});
      }
      const std::size_t prefix = uses_report_ids_ ? 1 : 0;
      HidPosReportLayout layout;
      layout.report_id = uses_report_ids_ ? static_cast<std::uint8_t>(id) : 0;
      layout.length_at.reset();
      if (fields.length_bit) layout.length_at = prefix + *fields.length_bit / 8;
      for (std::size_t k = 0; k < 3; ++k) {
        layout.symbology_at[k].reset();
        if (fields.symbology_bits[k] && *fields.symbology_bits[k] % 8 == 0) {
          layout.symbology_at[k] = prefix + *fields.symbology_bits[k] / 8;
        }
      }
      layout.data_at = prefix + *fields.data_bit / 8;
      layout.data_capacity = fields.data_bits / 8;
      layout.continued_bit.reset();
      if (fields.continued_bit) layout.continued_bit = prefix * 8 + *fields.continued_bit;
      layout.report_bytes = prefix + (offsets_.at(id) + 7) / 8;
      return layout;
    }
    return fail(HidDescriptorError{HidDescriptorErrc::NoScannedDataReport,
                                   "scanner collection has no Decoded Data input field"});
  }

  Globals globals_;
  std::vector<Globals> pushed_;
  Locals locals_;
  std::vector<std::uint32_t> collections_;
  std::size_t scanner_depth_ = 0;  // >0 while inside the scanner's application collection
  bool found_scanner_ = false;
  bool uses_report_ids_ = false;
  std::optional<std::uint32_t> first_application_;
  std::map<std::uint32_t, std::size_t> offsets_;  // report id -> input bits declared so far
  std::map<std::uint32_t, ReportFields> fields_;
};

}  // namespace

Expected<HidPosReportLayout, HidDescriptorError> parse_hid_pos_descriptor(
    std::span<const std::uint8_t> descriptor) {
  return DescriptorWalker().walk(descriptor);
}

}  // namespace kiosk::drivers
