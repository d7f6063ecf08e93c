#include "vm/modules/governance/module.hpp"

#include "vm/modules/governance/invariants.hpp"

namespace azora::vm::governance {

ModuleSpec module_spec() {
    return {kGovernanceModule,
            "governance",
            actions(),
            queries(),
            {{"council_and_proposals_consistent", check_invariants}},
            apply_genesis};
}

}  // namespace azora::vm::governance
