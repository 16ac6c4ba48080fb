// What a kiosk's libcurl makes of head office's certificate: trusted as the only CA and pinned by
// its public key, as sync/PROTOCOL.md says the uploader does it.
#include <curl/curl.h>

#include <catch2/catch.hpp>

#include "hq_backends.hpp"

using namespace kiosk::testing;

namespace {

struct CurlAnswer {
  CURLcode code = CURLE_OK;
  long status = 0;
  std::string body;
};

std::size_t keep(char* data, std::size_t size, std::size_t count, void* body) {
  static_cast<std::string*>(body)->append(data, size * count);
  return size * count;
}

CurlAnswer health(const std::string& url, const std::string& ca_file, const std::string& pin) {
  CURL* curl = curl_easy_init();
  CurlAnswer answer;
  const std::string target = url + "/v1/health";
  curl_easy_setopt(curl, CURLOPT_URL, target.c_str());
  curl_easy_setopt(curl, CURLOPT_CAINFO, ca_file.c_str());
  curl_easy_setopt(curl, CURLOPT_CAPATH, nullptr);
  curl_easy_setopt(curl, CURLOPT_PINNEDPUBLICKEY, pin.c_str());
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, 10000L);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, keep);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &answer.body);
  answer.code = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer.status);
  curl_easy_cleanup(curl);
  return answer;
}

}  // namespace

TEST_CASE("libcurl trusts head office's own certificate and pin, and no other head office's") {
  TestHeadOffice hq;
  TestHeadOffice impostor;

  const CurlAnswer trusted = health(hq.url(), hq.certificate_file().string(), hq.curl_pin());
  CHECK(trusted.code == CURLE_OK);
  CHECK(trusted.status == 200);
  auto parsed = kiosk::protocol::parse_health(trusted.body);
  REQUIRE(parsed.has_value());
  CHECK(parsed->service == "consent-hq");

  // Another head office (a man in the middle) with the real one's certificate as the CA: the
  // chain does not verify.
  CHECK(health(impostor.url(), hq.certificate_file().string(), hq.curl_pin()).code ==
        CURLE_PEER_FAILED_VERIFICATION);
  // Its own certificate as the CA but the real one's pin: the pin does not match.
  CHECK(health(impostor.url(), impostor.certificate_file().string(), hq.curl_pin()).code ==
        CURLE_SSL_PINNEDPUBKEYNOTMATCH);
}
