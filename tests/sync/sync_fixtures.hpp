#pragma once
// What the sync tests share: an enrolled kiosk with records waiting, and head office's answers
// built with Kiosk::protocol as head office builds them.

#include <string>
#include <vector>

#include "kiosk/protocol/messages.hpp"
#include "kiosk/store/outbox.hpp"
#include "kiosk/sync/https_transport.hpp"
#include "kiosk/sync/outbox_uploader.hpp"
#include "store_fixtures.hpp"

namespace sync_fixtures {

using namespace kiosk;

inline std::vector<std::string> ids_in(const sync::HttpRequest& request) {
  auto batch = protocol::parse_upload_batch(request.body);
  REQUIRE(batch.has_value());
  std::vector<std::string> ids;
  for (const auto& item : batch->records) ids.push_back(item.record_id);
  return ids;
}

inline sync::HttpResponse answer(const protocol::UploadResponse& response) {
  return {200, protocol::to_json(response), std::nullopt};
}

// Every record in the request acknowledged with `status` (stored or duplicate).
inline sync::HttpResponse acknowledge_all(const sync::HttpRequest& request,
                                          protocol::RecordStatus status = protocol::RecordStatus::Stored) {
  protocol::UploadResponse response;
  for (const auto& id : ids_in(request)) response.results.push_back({id, status, "", ""});
  return answer(response);
}

inline sync::HttpResponse refusal(long status, std::string retry_after = {}) {
  sync::HttpResponse response{status, protocol::to_json(protocol::ErrorBody{"refused", "refused"}),
                              std::nullopt};
  if (!retry_after.empty()) response.retry_after = retry_after;
  return response;
}

// An enrolled kiosk with `count` records waiting in its outbox.
struct KioskWithRecords : store_fixtures::EnrolledStore {
  std::vector<std::string> committed;

  explicit KioskWithRecords(int count, TestHeadOffice pinned = {}) : EnrolledStore(std::move(pinned)) {
    commit(count);
  }

  void commit(int count) {
    auto consents = service();
    for (int i = 0; i < count; ++i) {
      auto client = consents.identify(store_fixtures::known_people()[static_cast<std::size_t>(i) % 3]);
      REQUIRE(client.has_value());
      committed.push_back(
          store_fixtures::commit_choice(consents, *client, "marketing-analysis",
                                        i % 2 ? consent::Decision::Granted : consent::Decision::Refused));
    }
  }

  std::unique_ptr<sync::OutboxUploader> uploader(sync::HttpsTransport& transport,
                                                 sync::UploaderSettings settings = {}) {
    if (settings.retry.seed == 0) settings.retry.seed = 7;
    auto opened = sync::OutboxUploader::open(options(), transport, settings, clock, logger);
    if (!opened) FAIL("uploader: " << opened.error().detail);
    return std::move(*opened);
  }

  std::int64_t pending() {
    auto db = store::SqliteDatabase::open(kiosk.database, store::OpenFlags{false, {}, true, false});
    REQUIRE(db.has_value());
    return *db->query_int("SELECT count(*) FROM outbox");
  }
  std::int64_t quarantined() {
    auto db = store::SqliteDatabase::open(kiosk.database, store::OpenFlags{false, {}, true, false});
    REQUIRE(db.has_value());
    return *db->query_int("SELECT count(*) FROM outbox_quarantine");
  }
};

}  // namespace sync_fixtures
