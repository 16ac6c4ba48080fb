#pragma once
// An HTTPS server on 127.0.0.1 for tests (cpp-httplib), on a free port, serving on its own
// thread from start() until it is destroyed. Routes are added before start().

#include <httplib.h>
#include <openssl/pem.h>

#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

#include "test_certificate.hpp"

class HttpsTestServer {
 public:
  explicit HttpsTestServer(const TestCertificate& tls) {
    BIO* cert_bio = BIO_new_mem_buf(tls.certificate_pem.data(), static_cast<int>(tls.certificate_pem.size()));
    X509* cert = PEM_read_bio_X509(cert_bio, nullptr, nullptr, nullptr);
    BIO_free(cert_bio);
    BIO* key_bio = BIO_new_mem_buf(tls.private_key_pem.data(), static_cast<int>(tls.private_key_pem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(key_bio, nullptr, nullptr, nullptr);
    BIO_free(key_bio);
    server_ = std::make_unique<httplib::SSLServer>(cert, key);  // takes its own references
    X509_free(cert);
    EVP_PKEY_free(key);
    if (!server_->is_valid()) throw std::runtime_error("test HTTPS server: TLS setup failed");
    server_->set_tcp_nodelay(true);
    server_->set_keep_alive_max_count(10000);
  }
  ~HttpsTestServer() {
    if (thread_.joinable()) {
      server_->stop();
      thread_.join();
    }
  }
  HttpsTestServer(const HttpsTestServer&) = delete;
  HttpsTestServer& operator=(const HttpsTestServer&) = delete;

  httplib::SSLServer& routes() { return *server_; }

  void start() {
    port_ = server_->bind_to_any_port("127.0.0.1");
    if (port_ <= 0) throw std::runtime_error("test HTTPS server: cannot bind");
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    while (!server_->is_running()) std::this_thread::yield();
  }
  int port() const { return port_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }

 private:
  std::unique_ptr<httplib::SSLServer> server_;
  int port_ = 0;
  std::thread thread_;
};
