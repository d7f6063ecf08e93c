#pragma once

// Dev-chain keys and signed token transfers, shared by the kernel and node tests (header only).

#include <gtest/gtest.h>

#include <string>

#include "core/hash.hpp"
#include "genesis/dev.hpp"
#include "ledger/tx.hpp"
#include "vm/module_ids.hpp"
#include "vm/modules/token/messages.hpp"

namespace azora::test {

/// Gas limit of the transfers built here.
inline constexpr uint64_t kTransferGas = 10'000;

inline PrivateKey dev_key(size_t i) {
    return genesis::dev_accounts().at(i).key;
}

inline Address dev_address(size_t i) {
    return Address::from_pubkey(dev_key(i).public_key());
}

/// A key derived from `seed`, funded by nothing.
inline PrivateKey other_key(const std::string& seed) {
    auto k = PrivateKey::from_bytes(sha256(as_bytes("node-test/" + seed)));
    EXPECT_TRUE(k.ok());
    return std::move(k).value();
}

/// A signed token transfer.
inline ledger::Tx transfer(const PrivateKey& from,
                           const Address& to,
                           uint64_t amount,
                           uint64_t nonce,
                           uint64_t gas_price = 1,
                           std::string chain_id = std::string(genesis::kDevChainId)) {
    ledger::Tx tx;
    tx.chain_id = std::move(chain_id);
    tx.nonce = nonce;
    tx.gas_limit = kTransferGas;
    tx.gas_price = gas_price;
    tx.module = vm::kTokenModule;
    tx.action = vm::token::kTransfer;
    tx.payload = vm::token::Transfer{to, amount}.encode();
    tx.sign(from);
    return tx;
}

}  // namespace azora::test
