#pragma once

#include <cstdint>

namespace azora::vm {

/// Module ids (DESIGN.md "Execution"): the first byte of every state key and the module field
/// of a transaction's action. 0 is the system's own account records.
enum ModuleId : uint16_t {
    kSystemModule = 0,
    kTokenModule = 1,
    kCredentialModule = 2,
    kEscrowModule = 3,
    kKnowledgeModule = 4,
    kStakingModule = 5,
    kGovernanceModule = 6,
};

}  // namespace azora::vm
