// The module registry: one ModuleSpec per module, each id, name, action and query once.
#include "vm/registry.hpp"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "tests/support/test_state.hpp"
#include "vm/modules/token/messages.hpp"
#include "vm/modules/token/module.hpp"

namespace azora::test {
namespace {

TEST(ModuleRegistry, StandardHasTheTokenActions) {
    const auto& reg = vm::ModuleRegistry::standard();
    const auto* t = reg.find(vm::kTokenModule, vm::token::kTransfer);
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->name, "token.transfer");
    const auto* m = reg.find(vm::kTokenModule, vm::token::kMultiTransfer);
    ASSERT_NE(m, nullptr);
    EXPECT_EQ(m->name, "token.multi_transfer");
    EXPECT_EQ(reg.find(vm::kTokenModule, 99), nullptr);
    EXPECT_EQ(reg.find(vm::kSystemModule, vm::token::kTransfer), nullptr);
}

TEST(ModuleRegistry, RegisteringTwiceThrows) {
    vm::ModuleRegistry reg;
    reg.add(vm::token::module_spec());
    EXPECT_THROW(reg.add(vm::token::module_spec()), std::logic_error);
}

TEST(ModuleRegistry, ModulesAreListedInIdOrderWithTheirQueriesAndInvariants) {
    const auto modules = vm::ModuleRegistry::standard().modules();
    std::vector<std::string> names;
    for (const vm::ModuleSpec* m : modules) {
        names.push_back(m->name);
        EXPECT_FALSE(m->invariants.empty()) << m->name << " declares no invariant";
        EXPECT_FALSE(m->queries.empty()) << m->name << " declares no query";
    }
    EXPECT_EQ(names, (std::vector<std::string>{"token", "credential", "governance"}));
}

TEST(ModuleRegistry, AnActionOfAnotherModuleIdIsRefused) {
    vm::ModuleSpec spec = vm::token::module_spec();
    spec.actions[0].module = vm::kCredentialModule;
    vm::ModuleRegistry reg;
    EXPECT_THROW(reg.add(std::move(spec)), std::logic_error);
}

TEST(ModuleRegistry, AQueryMethodRegisteredByTwoModulesIsRefused) {
    vm::ModuleRegistry reg;
    reg.add(vm::token::module_spec());
    vm::ModuleSpec other{42, "other", {}, {vm::token::module_spec().queries[0]}, {}};
    EXPECT_THROW(reg.add(std::move(other)), std::logic_error);
}

TEST(ModuleRegistry, TheCheckStageRunsWithoutState) {
    const auto* spec = vm::ModuleRegistry::standard().find(vm::kTokenModule, vm::token::kTransfer);
    ASSERT_NE(spec, nullptr);
    vm::token::Transfer zero{test_address(2), 0};
    auto r = spec->check(zero.encode());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "bad_amount");
    EXPECT_EQ(r.error().kind, ErrorKind::failed);
    EXPECT_FALSE(spec->check(Bytes{1, 2, 3}).ok()) << "a payload that does not decode passed";
    EXPECT_TRUE(spec->check(vm::token::Transfer{test_address(2), 5}.encode()).ok());
}

}  // namespace
}  // namespace azora::test
