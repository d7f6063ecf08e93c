#pragma once

#include <openssl/ssl.h>

#include <boost/asio/ssl/context.hpp>
#include <memory>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace azora::p2p {

/// A TLS 1.3-only context (min = max = TLS1_3) for both roles, holding a fresh self-signed
/// Ed25519 certificate. Certificates are not verified: identity comes from the signed hello.
/// Fails with "tls_setup".
Result<std::unique_ptr<boost::asio::ssl::context>> make_tls_context();

/// The 32-byte TLS exporter output for kHelloExporterLabel (no context) of an established
/// session; both ends of one session get the same bytes. Fails with "tls_exporter".
Result<Hash32> export_hello_keying_material(SSL* ssl);

}  // namespace azora::p2p
