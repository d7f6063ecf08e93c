#pragma once

#include <nlohmann/json.hpp>
#include <string_view>

#include "vm/modules/credential/records.hpp"

/// The JSON shapes of the credential module's records (docs/rpc.md section 6).
namespace azora::vm::credential {

/// {id, issuer, holder, class, title, metadata_hash, metadata_uri, issued_at, expires_at,
/// transferable, revoked, revocation: null | {height, time_ms, reason}}.
nlohmann::json to_json(const Credential& c, std::string_view hrp);
/// {address, name, url, status, history: [{status, height}]}.
nlohmann::json to_json(const Issuer& i, std::string_view hrp);

}  // namespace azora::vm::credential
