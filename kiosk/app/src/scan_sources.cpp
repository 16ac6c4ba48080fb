#include "kiosk/app/scan_sources.hpp"

#include "kiosk/core/sensitive.hpp"
#include "kiosk/drivers/scanner/picture_sources.hpp"
#include "kiosk/drivers/scanner/usb_hid_pos_source.hpp"

namespace kiosk {

ScanSources::ScanSources(const KioskConfig& config, const Clock& clock, Logger& logger) {
  drivers::UsbHidPosOptions usb;
  usb.vendor_id = static_cast<std::uint16_t>(config.scanner_usb_vendor_id);
  usb.product_id = static_cast<std::uint16_t>(config.scanner_usb_product_id);
  sources_.push_back(std::make_unique<drivers::UsbHidPosSource>(usb, clock, logger));
  if (config.scanner_keyboard_wedge) {
    auto wedge = std::make_unique<drivers::KeyboardWedgeSource>(clock, logger);
    wedge_ = wedge.get();
    sources_.push_back(std::move(wedge));
  }
  if (!config.camera_device.empty()) {
    const drivers::CameraSettings camera{resolve_config_path(config, config.camera_device, ".").string(),
                                         static_cast<int>(config.camera_width),
                                         static_cast<int>(config.camera_height),
                                         static_cast<int>(config.camera_frame_rate)};
    if (auto device = drivers::make_camera(camera, logger))
      sources_.push_back(drivers::make_camera_source(std::move(device), clock, logger));
  }
}

ScanSources::~ScanSources() {
  for (auto& source : sources_) source->stop();
  queue_.set_wake_callback({});
  queue_.close();
}

void ScanSources::start(std::function<void()> wake) {
  queue_.set_wake_callback(std::move(wake));
  for (auto& source : sources_) source->start(queue_);
}

void ScanSources::take_keys(std::vector<drivers::WedgeKey>& keys) {
  if (wedge_ != nullptr) wedge_->feed(keys);
  for (auto& key : keys) wipe(key.text);
  keys.clear();
}

std::vector<std::pair<drivers::ScanSourceKind, drivers::SourceStatus>> ScanSources::statuses() const {
  std::vector<std::pair<drivers::ScanSourceKind, drivers::SourceStatus>> out;
  for (const auto& source : sources_) out.emplace_back(source->kind(), source->status());
  return out;
}

}  // namespace kiosk
