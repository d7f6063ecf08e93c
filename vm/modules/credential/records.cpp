#include "vm/modules/credential/records.hpp"

#include "core/encoding.hpp"
#include "core/reasons.hpp"

namespace azora::vm::credential {
namespace {

Error bad_record(const std::string& what) {
    return Error::from(reasons::kDecodeError, what);
}

Result<IssuerStatus> read_status(Reader& r) {
    AZORA_ASSIGN(uint8_t v, r.u8());
    if (v > static_cast<uint8_t>(IssuerStatus::suspended)) {
        return bad_record("unknown issuer status " + std::to_string(v));
    }
    return static_cast<IssuerStatus>(v);
}

}  // namespace

std::string_view to_string(IssuerStatus s) {
    return s == IssuerStatus::active ? "active" : "suspended";
}

Bytes Issuer::encode() const {
    Writer w;
    w.fixed_bytes(address.bytes);
    w.string(name);
    w.string(url);
    w.u8(static_cast<uint8_t>(status));
    w.varint(history.size());
    for (const auto& c : history) {
        w.u8(static_cast<uint8_t>(c.status));
        w.u64(c.height);
    }
    return w.take();
}

Result<Issuer> Issuer::decode(ByteView in) {
    return decode_all<Issuer>(in, [](Reader& r) -> Result<Issuer> {
        Issuer i;
        AZORA_ASSIGN(i.address.bytes, r.fixed_bytes<20>());
        AZORA_ASSIGN(i.name, r.string(kIssuerNameMax));
        AZORA_ASSIGN(i.url, r.string(kIssuerUrlMax));
        AZORA_ASSIGN(i.status, read_status(r));
        AZORA_ASSIGN(size_t n, r.count(kIssuerHistoryMax, 9));
        i.history.resize(n);
        for (auto& c : i.history) {
            AZORA_ASSIGN(c.status, read_status(r));
            AZORA_ASSIGN(c.height, r.u64());
        }
        if (i.history.empty() || i.history.back().status != i.status) {
            return bad_record("issuer history must end with the current status");
        }
        return i;
    });
}

Bytes Credential::encode() const {
    Writer w;
    w.fixed_bytes(id);
    w.fixed_bytes(issuer.bytes);
    w.fixed_bytes(holder.bytes);
    w.string(credential_class);
    w.string(title);
    w.fixed_bytes(metadata_hash);
    w.string(metadata_uri);
    w.u64(issued_at);
    w.u64(expires_at);
    w.boolean(transferable);
    w.boolean(revocation.has_value());
    if (revocation) {
        w.u64(revocation->height);
        w.u64(revocation->time_ms);
        w.string(revocation->reason);
    }
    return w.take();
}

Result<Credential> Credential::decode(ByteView in) {
    return decode_all<Credential>(in, [](Reader& r) -> Result<Credential> {
        Credential c;
        AZORA_ASSIGN(c.id, r.fixed_bytes<32>());
        AZORA_ASSIGN(c.issuer.bytes, r.fixed_bytes<20>());
        AZORA_ASSIGN(c.holder.bytes, r.fixed_bytes<20>());
        AZORA_ASSIGN(c.credential_class, r.string(kClassMax));
        AZORA_ASSIGN(c.title, r.string(kTitleMax));
        AZORA_ASSIGN(c.metadata_hash, r.fixed_bytes<32>());
        AZORA_ASSIGN(c.metadata_uri, r.string(kMetadataUriMax));
        AZORA_ASSIGN(c.issued_at, r.u64());
        AZORA_ASSIGN(c.expires_at, r.u64());
        AZORA_ASSIGN(c.transferable, r.boolean());
        AZORA_ASSIGN(bool revoked, r.boolean());
        if (revoked) {
            Revocation rv;
            AZORA_ASSIGN(rv.height, r.u64());
            AZORA_ASSIGN(rv.time_ms, r.u64());
            AZORA_ASSIGN(rv.reason, r.string(kReasonMax));
            c.revocation = std::move(rv);
        }
        return c;
    });
}

}  // namespace azora::vm::credential
