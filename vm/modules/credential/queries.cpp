#include "vm/modules/credential/queries.hpp"

#include <algorithm>

#include "core/reasons.hpp"
#include "vm/modules/credential/state.hpp"

namespace azora::vm::credential {
namespace {

// Resolves a page of an index (suffix = credential id) into the credential records.
Result<CredentialPage> resolve(const StateReader& state, StatePage page) {
    CredentialPage out;
    out.items.reserve(page.entries.size());
    for (const auto& [suffix, value] : page.entries) {
        Hash32 id{};
        std::copy(suffix.begin(), suffix.end(), id.begin());
        AZORA_ASSIGN(auto c, load_credential(state, id));
        if (!c) {
            return Error::from(reasons::kStateCorrupt,
                               "index names a missing credential " + to_hex(id));
        }
        out.items.push_back(std::move(*c));
    }
    out.next_cursor = std::move(page.next_cursor);
    return out;
}

}  // namespace

Result<std::optional<Credential>> get_credential(const StateReader& state, const Hash32& id) {
    return load_credential(state, id);
}

Result<std::optional<Issuer>> get_issuer(const StateReader& state, const Address& issuer) {
    return load_issuer(state, issuer);
}

Result<CredentialPage> list_by_holder(const StateReader& state,
                                      const Address& holder,
                                      ByteView cursor,
                                      size_t limit) {
    AZORA_ASSIGN(StatePage page,
                 page_entries(state, holder_index_prefix(holder), 32, cursor, limit));
    return resolve(state, std::move(page));
}

Result<CredentialPage> list_by_issuer(const StateReader& state,
                                      const Address& issuer,
                                      ByteView cursor,
                                      size_t limit) {
    AZORA_ASSIGN(StatePage page,
                 page_entries(state, issuer_index_prefix(issuer), 32, cursor, limit));
    return resolve(state, std::move(page));
}

Result<IssuerPage> list_issuers(const StateReader& state, ByteView cursor, size_t limit) {
    AZORA_ASSIGN(StatePage page, page_entries(state, issuers_prefix(), 20, cursor, limit));
    IssuerPage out;
    out.items.reserve(page.entries.size());
    for (const auto& [suffix, value] : page.entries) {
        AZORA_ASSIGN(Issuer i, decode_issuer_value(value));
        out.items.push_back(std::move(i));
    }
    out.next_cursor = std::move(page.next_cursor);
    return out;
}

}  // namespace azora::vm::credential
