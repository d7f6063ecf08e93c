#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "core/address.hpp"
#include "vm/modules/credential/records.hpp"
#include "vm/state_page.hpp"
#include "vm/state_view.hpp"

/// Read-only queries of the credential module for the layers above (rpc, node). They return
/// records, never JSON. Paging: pass an empty cursor for the first page, then the page's
/// next_cursor until it is nullopt. A cursor of the wrong length fails "bad_cursor" and a
/// limit of 0 or above kMaxPageLimit "bad_limit" (both malformed); storage errors are internal.
namespace azora::vm::credential {

struct CredentialPage {
    std::vector<Credential> items;
    std::optional<Bytes> next_cursor;  ///< the last item's id (32 bytes) when more follow
};

struct IssuerPage {
    std::vector<Issuer> items;
    std::optional<Bytes> next_cursor;  ///< the last issuer's address (20 bytes) when more follow
};

Result<std::optional<Credential>> get_credential(const StateReader& state, const Hash32& id);
Result<std::optional<Issuer>> get_issuer(const StateReader& state, const Address& issuer);

/// Credentials `holder` holds now, in id order; cursor = an id.
Result<CredentialPage> list_by_holder(const StateReader& state,
                                      const Address& holder,
                                      ByteView cursor,
                                      size_t limit);
/// Credentials `issuer` minted (whoever holds them now, revoked ones included), in id order.
Result<CredentialPage> list_by_issuer(const StateReader& state,
                                      const Address& issuer,
                                      ByteView cursor,
                                      size_t limit);
/// Every issuer, active or suspended, in address order; cursor = an address.
Result<IssuerPage> list_issuers(const StateReader& state, ByteView cursor, size_t limit);

}  // namespace azora::vm::credential
