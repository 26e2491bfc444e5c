#pragma once
// The server's TLS configuration: TLS 1.2 or later only, forward-secret
// AEAD cipher suites, no compression, no renegotiation, server cipher
// preference; the certificate chain and private key from PEM files.

#include <boost/asio/ssl/context.hpp>
#include <memory>

#include "platform/result.h"
#include "web/site/server.h"

namespace cp::web {

Result<std::unique_ptr<boost::asio::ssl::context>> MakeTlsContext(const TlsOptions& options);

}  // namespace cp::web
