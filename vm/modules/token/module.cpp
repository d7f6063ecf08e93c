#include "vm/modules/token/module.hpp"

namespace azora::vm::token {

ModuleSpec module_spec() {
    return {kTokenModule, "token", actions(), queries(), invariants(), apply_genesis};
}

}  // namespace azora::vm::token
