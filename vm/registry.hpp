#pragma once

#include <cstdint>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.hpp"
#include "vm/module_spec.hpp"

namespace azora::vm {

/// Every module of the chain: its actions keyed by (module, action), its queries and its
/// invariants. Built once at startup; read-only after, so it is safe to share between threads.
class ModuleRegistry {
public:
    ModuleRegistry() = default;
    // The action index points into m_modules' nodes, which a move keeps and a copy would not.
    ModuleRegistry(const ModuleRegistry&) = delete;
    ModuleRegistry& operator=(const ModuleRegistry&) = delete;
    ModuleRegistry(ModuleRegistry&&) = default;
    ModuleRegistry& operator=(ModuleRegistry&&) = default;

    /// Registers a module. A repeated module id or name, an action of another module id, a
    /// repeated action id or name, or a repeated query method is a programming error and throws
    /// std::logic_error.
    void add(ModuleSpec spec);

    const ActionSpec* find(uint16_t module, uint16_t action) const;
    const ModuleSpec* module(uint16_t id) const;
    /// The modules in id order.
    std::vector<const ModuleSpec*> modules() const;

    /// Runs every module's invariants, in module id order; the first failure is returned with
    /// the invariant's name prepended to its message.
    Result<void> check_invariants(const StateReader& state) const;

    /// The registry with every module of this release (one line per module in registry.cpp).
    static const ModuleRegistry& standard();

private:
    std::map<uint16_t, ModuleSpec> m_modules;  // by id: stable order
    std::map<std::pair<uint16_t, uint16_t>, const ActionSpec*> m_actions;
};

}  // namespace azora::vm
