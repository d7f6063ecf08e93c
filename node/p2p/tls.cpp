#include "node/p2p/tls.hpp"

#include <openssl/evp.h>
#include <openssl/x509.h>

#include "core/reasons.hpp"
#include "node/p2p/messages.hpp"

namespace azora::p2p {
namespace {

struct PkeyFree {
    void operator()(EVP_PKEY* p) const { EVP_PKEY_free(p); }
};
struct X509Free {
    void operator()(X509* x) const { X509_free(x); }
};

Error setup_error(const char* what) {
    return Error::from(reasons::kTlsSetup, what);
}

}  // namespace

Result<std::unique_ptr<boost::asio::ssl::context>> make_tls_context() {
    auto ctx = std::make_unique<boost::asio::ssl::context>(boost::asio::ssl::context::tls);
    SSL_CTX* raw = ctx->native_handle();
    if (SSL_CTX_set_min_proto_version(raw, TLS1_3_VERSION) != 1 ||
        SSL_CTX_set_max_proto_version(raw, TLS1_3_VERSION) != 1) {
        return setup_error("cannot restrict to TLS 1.3");
    }
    // Resumption would skip nothing we need but adds state; every connection does a full
    // handshake and gets its own exporter output.
    SSL_CTX_set_options(raw, SSL_OP_NO_TICKET);
    SSL_CTX_set_num_tickets(raw, 0);
    SSL_CTX_set_verify(raw, SSL_VERIFY_NONE, nullptr);

    std::unique_ptr<EVP_PKEY, PkeyFree> key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
    if (!key) {
        return setup_error("cannot generate the certificate key");
    }
    std::unique_ptr<X509, X509Free> cert(X509_new());
    if (!cert || X509_set_version(cert.get(), 2) != 1 ||
        ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1) != 1 ||
        !X509_gmtime_adj(X509_getm_notBefore(cert.get()), -3600) ||
        !X509_gmtime_adj(X509_getm_notAfter(cert.get()), 10L * 365 * 24 * 3600)) {
        return setup_error("cannot fill the certificate");
    }
    X509_NAME* name = X509_get_subject_name(cert.get());
    if (X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                                   reinterpret_cast<const unsigned char*>("azora-p2p"), -1, -1,
                                   0) != 1 ||
        X509_set_issuer_name(cert.get(), name) != 1 ||
        X509_set_pubkey(cert.get(), key.get()) != 1 ||
        X509_sign(cert.get(), key.get(), nullptr) <= 0) {
        return setup_error("cannot sign the certificate");
    }
    if (SSL_CTX_use_certificate(raw, cert.get()) != 1 ||
        SSL_CTX_use_PrivateKey(raw, key.get()) != 1 || SSL_CTX_check_private_key(raw) != 1) {
        return setup_error("cannot install the certificate");
    }
    return ctx;
}

Result<Hash32> export_hello_keying_material(SSL* ssl) {
    Hash32 out{};
    if (SSL_export_keying_material(ssl, out.data(), out.size(), kHelloExporterLabel.data(),
                                   kHelloExporterLabel.size(), nullptr, 0, 0) != 1) {
        return Error::from(reasons::kTlsExporter, "no keying material for this session");
    }
    return out;
}

}  // namespace azora::p2p
