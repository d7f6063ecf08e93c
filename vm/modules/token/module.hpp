#pragma once

namespace azora::vm {
class ModuleRegistry;
}

namespace azora::vm::token {

/// Adds the token module's actions to `registry` (the one registration line per module).
void register_actions(ModuleRegistry& registry);

}  // namespace azora::vm::token
