#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "core/address.hpp"
#include "core/result.hpp"
#include "node/rpc_methods.hpp"
#include "rpc/method_table.hpp"
#include "rpc/params.hpp"
#include "vm/modules/credential/records.hpp"

/// Internals shared by the credential RPC methods (rpc_credential_methods.cpp and
/// rpc_credential_verify.cpp); shapes as docs/rpc.md section 6 describes them.
namespace azora::node {

/// {id, issuer, holder, class, title, metadata_hash, metadata_uri, issued_at, expires_at,
/// transferable, revoked, revocation: null | {height, time_ms, reason}}.
nlohmann::json credential_to_json(const vm::credential::Credential& c, std::string_view hrp);
/// {address, name, url, status, history: [{status, height}]}.
nlohmann::json issuer_to_json(const vm::credential::Issuer& i, std::string_view hrp);

/// The required address param at `index` / `name`; "invalid_params" naming it otherwise.
Result<Address> parse_address_arg(const rpc::Params& p,
                                  size_t index,
                                  std::string_view name,
                                  std::string_view hrp);

/// Registers credential_verify (called by register_credential_methods).
Result<void> register_credential_verify(rpc::MethodTable& table, RpcBackend& backend);

}  // namespace azora::node
