#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/address.hpp"
#include "core/result.hpp"

/// Field readers for the genesis file (docs/protocol.md 17), shared by the genesis format and
/// the modules' genesis sections (wire library). Every error is malformed "bad_genesis" with a
/// message that starts with the field's path, e.g. "accounts[2].balance: ...".
namespace azora::vm::genesis_json {

Error bad(const std::string& field, const std::string& what);
/// `obj[name]`; "missing" when `obj` is not an object or lacks it.
Result<const nlohmann::json*> member(const nlohmann::json& obj,
                                     const std::string& path,
                                     const char* name);
Result<std::string> get_string(const nlohmann::json& obj,
                               const std::string& path,
                               const char* name);
/// A u64 as a canonical decimal string (or a JSON unsigned integer), so no reader loses
/// precision.
Result<uint64_t> get_u64(const nlohmann::json& obj, const std::string& path, const char* name);
/// A bech32m address with prefix `hrp`.
Result<Address> get_address(const nlohmann::json& obj,
                            const std::string& path,
                            const char* name,
                            std::string_view hrp);

}  // namespace azora::vm::genesis_json
