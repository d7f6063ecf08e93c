#include "vm/registry.hpp"

#include <set>
#include <stdexcept>
#include <string>

#include "vm/modules/credential/module.hpp"
#include "vm/modules/governance/module.hpp"
#include "vm/modules/token/module.hpp"

namespace azora::vm {
namespace {

[[noreturn]] void refuse(const std::string& what) {
    throw std::logic_error("module registry: " + what);
}

}  // namespace

void ModuleRegistry::add(ModuleSpec spec) {
    if (m_modules.contains(spec.id)) {
        refuse("module id registered twice: " + std::to_string(spec.id));
    }
    std::set<std::string> names;
    std::set<std::string> methods;
    for (const auto& [id, m] : m_modules) {
        names.insert(m.name);
        for (const QuerySpec& q : m.queries) {
            methods.insert(q.method);
        }
    }
    if (spec.name.empty() || !names.insert(spec.name).second) {
        refuse("module name empty or registered twice: " + spec.name);
    }
    std::set<std::string> action_names;
    std::set<uint16_t> action_ids;
    for (const ActionSpec& a : spec.actions) {
        if (a.module != spec.id || !action_ids.insert(a.action).second ||
            !action_names.insert(a.name).second || a.name.rfind(spec.name + ".", 0) != 0 ||
            !a.check || !a.verify || !a.run) {
            refuse("bad or repeated action " + a.name + " in module " + spec.name);
        }
    }
    for (const QuerySpec& q : spec.queries) {
        if (q.method.empty() || !methods.insert(q.method).second || !q.run) {
            refuse("bad or repeated query " + q.method + " in module " + spec.name);
        }
    }
    for (const InvariantSpec& inv : spec.invariants) {
        if (inv.name.empty() || !inv.check) {
            refuse("bad invariant in module " + spec.name);
        }
    }
    const uint16_t id = spec.id;
    const ModuleSpec& stored = m_modules.emplace(id, std::move(spec)).first->second;
    for (const ActionSpec& a : stored.actions) {
        m_actions.emplace(std::make_pair(a.module, a.action), &a);
    }
}

const ActionSpec* ModuleRegistry::find(uint16_t module, uint16_t action) const {
    auto it = m_actions.find({module, action});
    return it == m_actions.end() ? nullptr : it->second;
}

const ModuleSpec* ModuleRegistry::module(uint16_t id) const {
    auto it = m_modules.find(id);
    return it == m_modules.end() ? nullptr : &it->second;
}

std::vector<const ModuleSpec*> ModuleRegistry::modules() const {
    std::vector<const ModuleSpec*> out;
    for (const auto& [id, m] : m_modules) {
        out.push_back(&m);
    }
    return out;
}

Result<void> ModuleRegistry::check_invariants(const StateReader& state) const {
    for (const auto& [id, m] : m_modules) {
        for (const InvariantSpec& inv : m.invariants) {
            auto r = inv.check(state);
            if (!r.ok()) {
                Error e = r.error();
                e.message = m.name + "." + inv.name + ": " + e.message;
                return e;
            }
        }
    }
    return {};
}

const ModuleRegistry& ModuleRegistry::standard() {
    static const ModuleRegistry registry = [] {
        ModuleRegistry r;
        r.add(token::module_spec());
        r.add(credential::module_spec());
        r.add(governance::module_spec());
        return r;
    }();
    return registry;
}

}  // namespace azora::vm
