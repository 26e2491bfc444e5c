#include "web/site/tls_context.h"

#include <openssl/ssl.h>

namespace cp::web {

namespace ssl = boost::asio::ssl;

Result<std::unique_ptr<ssl::context>> MakeTlsContext(const TlsOptions& options) {
  if (options.certificate_file.empty() || options.private_key_file.empty()) {
    return Error::Invalid("tls", "TLS needs both a certificate file and a private key file");
  }
  auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
  ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                   ssl::context::no_sslv3 | ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 |
                   ssl::context::no_compression | ssl::context::single_dh_use);
  SSL_CTX* native = ctx->native_handle();
  SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
  SSL_CTX_set_options(native, SSL_OP_CIPHER_SERVER_PREFERENCE | SSL_OP_NO_RENEGOTIATION);
  // TLS 1.2: ECDHE with AES-GCM or ChaCha20-Poly1305 only. TLS 1.3 suites are
  // all AEAD and forward-secret; OpenSSL's defaults stand.
  if (SSL_CTX_set_cipher_list(native,
                              "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                              "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305:"
                              "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256") != 1) {
    return Error::Internal("cannot set the TLS cipher list");
  }
  boost::system::error_code ec;
  ctx->use_certificate_chain_file(options.certificate_file, ec);
  if (ec) {
    return Error::Invalid(
        "tls", "Cannot read the certificate " + options.certificate_file + ": " + ec.message());
  }
  ctx->use_private_key_file(options.private_key_file, ssl::context::pem, ec);
  if (ec) {
    return Error::Invalid(
        "tls", "Cannot read the private key " + options.private_key_file + ": " + ec.message());
  }
  if (SSL_CTX_check_private_key(native) != 1) {
    return Error::Invalid("tls", "The private key does not belong to the certificate");
  }
  return ctx;
}

}  // namespace cp::web
