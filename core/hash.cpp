// The low-level SHA256_* API is deprecated in OpenSSL 3 but is several times faster than EVP
// for the many short messages a Merkle tree hashes, and it lets tagged hashes reuse a midstate.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "core/hash.hpp"

#include <openssl/sha.h>

#include <cstring>
#include <string>
#include <vector>

namespace azora {

static_assert(sizeof(SHA256_CTX) <= 112, "Sha256 state buffer too small");

namespace {
SHA256_CTX& ctx_of(unsigned char* state) {
    return *reinterpret_cast<SHA256_CTX*>(state);
}

struct TagMidstate {
    std::string tag;
    SHA256_CTX ctx;
};

// The midstate after SHA256(tag) || SHA256(tag), one 64-byte block, cached per thread.
const SHA256_CTX& tag_midstate(std::string_view tag) {
    thread_local std::vector<TagMidstate> cache;
    for (const auto& entry : cache) {
        if (entry.tag == tag) {
            return entry.ctx;
        }
    }
    Hash32 tag_hash = sha256(as_bytes(tag));
    TagMidstate entry{std::string(tag), {}};
    SHA256_Init(&entry.ctx);
    SHA256_Update(&entry.ctx, tag_hash.data(), tag_hash.size());
    SHA256_Update(&entry.ctx, tag_hash.data(), tag_hash.size());
    cache.push_back(std::move(entry));
    return cache.back().ctx;
}
}  // namespace

Hash32 sha256(ByteView data) {
    // Not the one-shot SHA256(): in OpenSSL 3 it fetches an EVP method on every call.
    SHA256_CTX ctx;
    SHA256_Init(&ctx);
    SHA256_Update(&ctx, data.data(), data.size());
    Hash32 out;
    SHA256_Final(out.data(), &ctx);
    return out;
}

Sha256::Sha256() {
    SHA256_Init(&ctx_of(m_state));
}
Sha256::~Sha256() {
    std::memset(m_state, 0, sizeof(m_state));
}

Sha256& Sha256::update(ByteView data) {
    SHA256_Update(&ctx_of(m_state), data.data(), data.size());
    return *this;
}

Hash32 Sha256::finish() {
    Hash32 out;
    SHA256_Final(out.data(), &ctx_of(m_state));
    return out;
}

Hash32 tagged_hash(std::string_view tag, ByteView data) {
    SHA256_CTX ctx = tag_midstate(tag);
    SHA256_Update(&ctx, data.data(), data.size());
    Hash32 out;
    SHA256_Final(out.data(), &ctx);
    return out;
}

Hash32 tagged_hash(std::string_view tag, const Hash32& a, const Hash32& b) {
    SHA256_CTX ctx = tag_midstate(tag);
    SHA256_Update(&ctx, a.data(), a.size());
    SHA256_Update(&ctx, b.data(), b.size());
    Hash32 out;
    SHA256_Final(out.data(), &ctx);
    return out;
}

}  // namespace azora
