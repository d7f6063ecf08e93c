#include "vm/registry.hpp"

#include <stdexcept>

#include "vm/modules/credential/module.hpp"
#include "vm/modules/governance/module.hpp"
#include "vm/modules/token/module.hpp"

namespace azora::vm {

void ModuleRegistry::add(ActionSpec spec) {
    auto key = std::make_pair(spec.module, spec.action);
    if (m_actions.contains(key)) {
        throw std::logic_error("action registered twice: " + spec.name);
    }
    m_actions.emplace(key, std::move(spec));
}

const ActionSpec* ModuleRegistry::find(uint16_t module, uint16_t action) const {
    auto it = m_actions.find({module, action});
    return it == m_actions.end() ? nullptr : &it->second;
}

const ModuleRegistry& ModuleRegistry::standard() {
    static const ModuleRegistry registry = [] {
        ModuleRegistry r;
        token::register_actions(r);
        credential::register_actions(r);
        governance::register_actions(r);
        return r;
    }();
    return registry;
}

}  // namespace azora::vm
