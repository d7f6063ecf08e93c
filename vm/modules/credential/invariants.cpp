#include "vm/modules/credential/invariants.hpp"

#include <algorithm>

#include "core/reasons.hpp"
#include "vm/module_ids.hpp"
#include "vm/modules/credential/state.hpp"
#include "vm/state_key.hpp"

namespace azora::vm::credential {
namespace {

Error broken(const std::string& what) {
    return Error::from(reasons::kInvariantBroken, "credential module: " + what);
}

// Visits every entry under 02 `tag`, stopping at the first failure.
Result<void> each(const StateReader& state,
                  char tag,
                  const std::function<Result<void>(ByteView rest, ByteView value)>& fn) {
    std::optional<Error> failure;
    AZORA_TRY(state.scan(state_key(kCredentialModule, tag), {}, [&](ByteView key, ByteView value) {
        auto r = fn(key.subspan(2), value);
        if (!r) {
            failure = r.error();
        }
        return r.ok();
    }));
    if (failure) {
        return *failure;
    }
    return {};
}

template <size_t N>
std::array<uint8_t, N> take(ByteView b, size_t offset) {
    std::array<uint8_t, N> out{};
    std::copy(b.begin() + static_cast<std::ptrdiff_t>(offset),
              b.begin() + static_cast<std::ptrdiff_t>(offset + N), out.begin());
    return out;
}

Result<void> check_index(const StateReader& state, char tag, bool by_holder) {
    return each(state, tag, [&](ByteView rest, ByteView value) -> Result<void> {
        if (rest.size() != 52 || !value.empty()) {
            return broken("malformed index entry " + to_hex(rest));
        }
        const Address who{take<20>(rest, 0)};
        const Hash32 id = take<32>(rest, 20);
        AZORA_ASSIGN(auto c, load_credential(state, id));
        if (!c || (by_holder ? c->holder : c->issuer) != who) {
            return broken("index entry " + to_hex(rest) + " names no matching credential");
        }
        return {};
    });
}

}  // namespace

Result<void> check_invariants(const StateReader& state) {
    AZORA_TRY(each(state, 'i', [&](ByteView rest, ByteView value) -> Result<void> {
        AZORA_ASSIGN(Issuer i, decode_issuer_value(value));
        if (rest.size() != 20 || !std::equal(rest.begin(), rest.end(), i.address.bytes.begin())) {
            return broken("issuer record under another address " + to_hex(rest));
        }
        return {};
    }));
    AZORA_TRY(each(state, 'c', [&](ByteView rest, ByteView value) -> Result<void> {
        AZORA_ASSIGN(Credential c, decode_credential_value(value));
        if (rest.size() != 32 || !std::equal(rest.begin(), rest.end(), c.id.begin())) {
            return broken("credential record under another id " + to_hex(rest));
        }
        AZORA_ASSIGN(auto issuer, load_issuer(state, c.issuer));
        if (!issuer) {
            return broken("credential " + to_hex(c.id) + " names no issuer");
        }
        AZORA_ASSIGN(auto by_holder, state.get(holder_index_key(c.holder, c.id)));
        AZORA_ASSIGN(auto by_issuer, state.get(issuer_index_key(c.issuer, c.id)));
        if (!by_holder || !by_issuer) {
            return broken("credential " + to_hex(c.id) + " is missing an index entry");
        }
        return {};
    }));
    AZORA_TRY(check_index(state, 'h', true));
    return check_index(state, 'm', false);
}

}  // namespace azora::vm::credential
