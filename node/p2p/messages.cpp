#include "node/p2p/messages.hpp"

#include "core/encoding.hpp"
#include "core/hash.hpp"
#include "core/reasons.hpp"

namespace azora::p2p {
namespace {

void write_hello_fields(Writer& w, const Hello& hello) {
    w.u32(hello.protocol_version);
    w.string(hello.chain_id);
    w.fixed_bytes(hello.genesis_hash);
    w.fixed_bytes(hello.node_id);
    w.u16(hello.listen_port);
}

Error bad(std::string message) {
    return Error::from(reasons::kDecodeError, std::move(message));
}

}  // namespace

Bytes encode_hello(const Hello& hello) {
    Writer w;
    write_hello_fields(w, hello);
    w.fixed_bytes(hello.signature);
    return w.take();
}

Result<Hello> decode_hello(ByteView payload) {
    return decode_all<Hello>(payload, [](Reader& r) -> Result<Hello> {
        Hello h;
        AZORA_ASSIGN(h.protocol_version, r.u32());
        AZORA_ASSIGN(h.chain_id, r.string(kMaxChainIdBytes));
        AZORA_ASSIGN(h.genesis_hash, r.fixed_bytes<32>());
        AZORA_ASSIGN(h.node_id, r.fixed_bytes<32>());
        AZORA_ASSIGN(h.listen_port, r.u16());
        AZORA_ASSIGN(h.signature, r.fixed_bytes<64>());
        return h;
    });
}

Hash32 hello_digest(const Hello& hello, const Hash32& exporter) {
    Writer w;
    w.fixed_bytes(exporter);
    write_hello_fields(w, hello);
    return tagged_hash(kHelloTag, w.data());
}

void sign_hello(Hello& hello, const PrivateKey& key, const Hash32& exporter) {
    hello.node_id = key.public_key();
    hello.signature = key.sign(hello_digest(hello, exporter));
}

bool verify_hello(const Hello& hello, const Hash32& exporter) {
    return verify_signature(hello.node_id, hello_digest(hello, exporter), hello.signature);
}

Bytes encode_ping(uint64_t nonce) {
    Writer w;
    w.u64(nonce);
    return w.take();
}

Result<uint64_t> decode_ping(ByteView payload) {
    return decode_all<uint64_t>(payload, [](Reader& r) { return r.u64(); });
}

Result<void> decode_get_peers(ByteView payload) {
    if (!payload.empty()) {
        return bad("get_peers has no payload");
    }
    return ok_result();
}

Bytes encode_peers(const std::vector<PeerAddress>& peers) {
    Writer w;
    const size_t n = std::min(peers.size(), kMaxPeersPerMessage);
    w.varint(n);
    for (size_t i = 0; i < n; ++i) {
        w.fixed_bytes(peers[i].id.value_or(NodeId{}));
        w.string(peers[i].host);
        w.u16(peers[i].port);
    }
    return w.take();
}

Result<std::vector<PeerAddress>> decode_peers(ByteView payload) {
    using Out = std::vector<PeerAddress>;
    return decode_all<Out>(payload, [](Reader& r) -> Result<Out> {
        // An entry is at least id (32) + host length (1) + one host byte + port (2).
        AZORA_ASSIGN(size_t n, r.count(kMaxPeersPerMessage, 36));
        Out out;
        out.reserve(n);
        for (size_t i = 0; i < n; ++i) {
            PeerAddress a;
            AZORA_ASSIGN(NodeId id, r.fixed_bytes<32>());
            AZORA_ASSIGN(a.host, r.string(kMaxHostBytes));
            AZORA_ASSIGN(a.port, r.u16());
            if (a.host.empty() || a.port == 0) {
                return bad("peer entry without host or port");
            }
            a.id = id;
            out.push_back(std::move(a));
        }
        return out;
    });
}

}  // namespace azora::p2p
