#pragma once

namespace azora::vm {
class ModuleRegistry;
}

namespace azora::vm::credential {

/// Adds the credential module's actions to `registry` (the one registration line per module).
void register_actions(ModuleRegistry& registry);

}  // namespace azora::vm::credential
