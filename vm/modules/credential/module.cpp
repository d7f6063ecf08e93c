#include "vm/modules/credential/module.hpp"

#include "vm/modules/credential/invariants.hpp"

namespace azora::vm::credential {

ModuleSpec module_spec() {
    return {kCredentialModule,
            "credential",
            actions(),
            queries(),
            {{"records_and_indexes_agree", check_invariants}},
            apply_genesis};
}

}  // namespace azora::vm::credential
