#pragma once

#include <cstdint>

#include "core/address.hpp"
#include "vm/state_view.hpp"

/// Token module state (module 1): balances and total supply of the native asset, in uazr.
/// This is the module's public surface for the executor and other modules.
namespace azora::vm::token {

/// Name of the native asset's base unit in RPC results.
inline constexpr std::string_view kNativeAsset = "uazr";

/// 0x01 'b' address -> u64 balance; absent means zero (zero balances are deleted).
Bytes balance_key(const Address& addr);
/// 0x01 's' -> u64 total supply.
Bytes supply_key();

Result<uint64_t> balance(const StateReader& state, const Address& addr);
Result<uint64_t> supply(const StateReader& state);

/// Adds `amount`; fails with "amount_overflow" if the balance would exceed u64.
Result<void> credit(StateView& state, const Address& addr, uint64_t amount);
/// Removes `amount`; fails with "insufficient_funds" if the balance is smaller.
Result<void> debit(StateView& state, const Address& addr, uint64_t amount);
/// Moves `amount` from one account to another (debit then credit); self-transfer is allowed.
Result<void> transfer(StateView& state, const Address& from, const Address& to, uint64_t amount);
/// Sets the total supply (genesis only).
void set_supply(StateView& state, uint64_t amount);

}  // namespace azora::vm::token
