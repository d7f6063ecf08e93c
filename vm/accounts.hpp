#pragma once

#include <cstdint>

#include "core/address.hpp"
#include "vm/state_view.hpp"

/// Account records kept by the system itself (module 0): the nonce.
namespace azora::vm::accounts {

/// State key of an account's nonce: 0x00 'n' address.
Bytes nonce_key(const Address& addr);
/// The account's nonce (0 if never used).
Result<uint64_t> get_nonce(const StateReader& state, const Address& addr);
void set_nonce(StateView& state, const Address& addr, uint64_t nonce);

}  // namespace azora::vm::accounts
