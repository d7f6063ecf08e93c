#include "tests/bench/bench_accounts.hpp"

#include <cstdlib>
#include <string>

#include "core/address.hpp"
#include "core/hash.hpp"
#include "genesis/dev.hpp"

namespace azora::bench {

PrivateKey bench_key(size_t index) {
    auto key = PrivateKey::from_bytes(sha256(as_bytes("azora/bench/" + std::to_string(index))));
    if (!key) {
        // A SHA-256 output is >= n with probability ~2^-128: treat as impossible.
        std::abort();
    }
    return std::move(key).value();
}

genesis::Genesis bench_genesis(size_t count) {
    genesis::Genesis g = genesis::dev_genesis();
    g.accounts.reserve(g.accounts.size() + count);
    for (size_t i = 0; i < count; ++i) {
        g.accounts.push_back(
            {Address::from_pubkey(bench_key(i).public_key()), kBenchAccountBalance});
    }
    return g;
}

}  // namespace azora::bench
