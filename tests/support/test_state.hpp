#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <vector>

#include "core/address.hpp"
#include "core/keys.hpp"
#include "ledger/tx.hpp"
#include "vm/modules/token/messages.hpp"
#include "vm/params.hpp"
#include "vm/state_view.hpp"
#include "vm/tx_context.hpp"

/// In-memory state, fixed keys and signed transaction builders for vm tests.
namespace azora::test {

/// Chain id of every test transaction and block.
inline constexpr std::string_view kChainId = "azora-test-1";

/// The fixed test key whose 32-byte secret is 31 zero bytes then `n` (n >= 1).
PrivateKey test_key(uint8_t n);
/// Address of test_key(n).
Address test_address(uint8_t n);

/// A committed state held in a std::map: the StateReader a StateView sits on in tests.
/// Reads can be made to fail to exercise storage-error paths.
class MemoryState final : public vm::StateReader {
public:
    using Entries = std::map<Bytes, Bytes, BytesLess>;

    Result<std::optional<Bytes>> get(ByteView key) const override;
    Result<void> scan(ByteView prefix, ByteView start, const vm::ScanVisitor& visit) const override;

    void put(ByteView key, Bytes value) {
        m_entries.insert_or_assign(Bytes(key.begin(), key.end()), std::move(value));
    }
    void erase(ByteView key);
    /// Stores a u64 balance, nonce or supply record the way the vm encodes it.
    void set_balance(const Address& addr, uint64_t amount);
    void set_nonce(const Address& addr, uint64_t nonce);
    void set_supply(uint64_t amount);
    /// Applies a view's changes as a block commit would.
    void commit(const ledger::StateChanges& changes);
    /// Every get() and scan() fails with an internal "storage_failure" while set.
    void set_fail_reads(bool fail) { m_fail_reads = fail; }

    const Entries& entries() const { return m_entries; }

private:
    Entries m_entries;
    bool m_fail_reads = false;
};

/// Every token balance in `base` overlaid with `changes`, keyed by address.
std::map<Address, uint64_t> all_balances(const MemoryState& base,
                                         const ledger::StateChanges& changes);
/// Every account nonce in `base` overlaid with `changes`, keyed by address.
std::map<Address, uint64_t> all_nonces(const MemoryState& base,
                                       const ledger::StateChanges& changes);

/// Reads through `state`; records a test failure and returns 0 on a read error.
uint64_t balance_of(const vm::StateReader& state, const Address& addr);
uint64_t nonce_of(const vm::StateReader& state, const Address& addr);
uint64_t supply_of(const vm::StateReader& state);

/// Gas schedule and limits the vm tests compute their expectations from:
/// tx_base 1000, per_payload_byte 10, per_state_write 500, default_action 1000,
/// token.transfer 1500, token.multi_transfer 2500, min_gas_price 2, max_tx_gas 1,000,000.
vm::ChainParams test_params();
/// Block at `height` on kChainId proposed by test_proposer().
vm::BlockContext test_block(uint64_t height = 10);
/// The proposer's address: a fixed address no test key owns (20 bytes of 0xee).
Address test_proposer();

/// A tx on kChainId with the given fields, signed by `key`.
ledger::Tx make_tx(const PrivateKey& key,
                   uint64_t nonce,
                   uint16_t module,
                   uint16_t action,
                   Bytes payload,
                   uint64_t gas_limit,
                   uint64_t gas_price);
/// A signed token transfer of `amount` uazr to `to`.
ledger::Tx make_transfer(const PrivateKey& key,
                         uint64_t nonce,
                         const Address& to,
                         uint64_t amount,
                         uint64_t gas_limit,
                         uint64_t gas_price);
/// A signed token multi-transfer.
ledger::Tx make_multi_transfer(const PrivateKey& key,
                               uint64_t nonce,
                               std::vector<vm::token::MultiTransfer::Output> outputs,
                               uint64_t gas_limit,
                               uint64_t gas_price);
/// Re-signs `tx` with `key` after a test edited its fields.
ledger::Tx resigned(ledger::Tx tx, const PrivateKey& key);

}  // namespace azora::test
