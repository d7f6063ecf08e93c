#pragma once

#include <vector>

#include "vm/module_spec.hpp"

namespace azora::vm::credential {

/// The credential module (id 2) as the registry sees it: one line in vm/registry.cpp.
ModuleSpec module_spec();

// Its parts, one file each.
std::vector<ActionSpec> actions();  // handlers.cpp
std::vector<QuerySpec> queries();   // query_specs.cpp
QuerySpec verify_query();           // verify_query.cpp

Result<void> apply_genesis(const nlohmann::json& genesis,
                           std::string_view hrp,
                           StateView& state);  // genesis_state.cpp
}  // namespace azora::vm::credential
