#include "tests/support/test_state.hpp"

#include <gtest/gtest.h>

#include "core/encoding.hpp"
#include "vm/accounts.hpp"
#include "vm/modules/token/state.hpp"
#include "vm/registry.hpp"
#include "vm/state_key.hpp"

namespace azora::test {
namespace {

Bytes encode_u64(uint64_t v) {
    Writer w;
    w.u64(v);
    return w.take();
}

// Decodes the u64 records of every key that is `prefix` followed by a 20-byte address.
std::map<Address, uint64_t> collect(const MemoryState& base,
                                    const ledger::StateChanges& changes,
                                    const Bytes& prefix) {
    MemoryState::Entries merged = base.entries();
    for (const auto& [key, value] : changes) {
        if (value) {
            merged.insert_or_assign(key, *value);
        } else {
            merged.erase(key);
        }
    }
    std::map<Address, uint64_t> out;
    for (const auto& [key, value] : merged) {
        if (key.size() != prefix.size() + 20 ||
            !std::equal(prefix.begin(), prefix.end(), key.begin())) {
            continue;
        }
        Address addr;
        std::copy(key.begin() + static_cast<std::ptrdiff_t>(prefix.size()), key.end(),
                  addr.bytes.begin());
        Reader r(value);
        auto v = r.u64();
        EXPECT_TRUE(v.ok() && r.finish().ok()) << "bad u64 record under " << to_hex(key);
        out[addr] = v.ok() ? *v : 0;
    }
    return out;
}

uint64_t value_or_fail(const Result<uint64_t>& r, const char* what) {
    EXPECT_TRUE(r.ok()) << what << ": " << (r.ok() ? "" : r.error().to_string());
    return r.ok() ? *r : 0;
}

}  // namespace

PrivateKey test_key(uint8_t n) {
    Hash32 secret{};
    secret[31] = n;
    auto key = PrivateKey::from_bytes(secret);
    if (!key.ok()) {
        ADD_FAILURE() << "test key " << int{n} << " is not a valid secret";
        secret[31] = 1;
        return *PrivateKey::from_bytes(secret);
    }
    return *key;
}

Address test_address(uint8_t n) {
    return Address::from_pubkey(test_key(n).public_key());
}

Result<std::optional<Bytes>> MemoryState::get(ByteView key) const {
    if (m_fail_reads) {
        return Error::internal("storage_failure", "injected read failure");
    }
    auto it = m_entries.find(key);
    if (it == m_entries.end()) {
        return std::optional<Bytes>{};
    }
    return std::optional<Bytes>{it->second};
}

Result<void> MemoryState::scan(ByteView prefix,
                               ByteView start,
                               const vm::ScanVisitor& visit) const {
    if (m_fail_reads) {
        return Error::internal("storage_failure", "injected read failure");
    }
    for (auto it = m_entries.lower_bound(BytesLess{}(start, prefix) ? prefix : start);
         it != m_entries.end() && vm::key_has_prefix(it->first, prefix); ++it) {
        if (!visit(it->first, it->second)) {
            break;
        }
    }
    return {};
}

void MemoryState::erase(ByteView key) {
    auto it = m_entries.find(key);
    if (it != m_entries.end()) {
        m_entries.erase(it);
    }
}

void MemoryState::set_balance(const Address& addr, uint64_t amount) {
    put(vm::token::balance_key(addr), encode_u64(amount));
}

void MemoryState::set_nonce(const Address& addr, uint64_t nonce) {
    put(vm::accounts::nonce_key(addr), encode_u64(nonce));
}

void MemoryState::set_supply(uint64_t amount) {
    put(vm::token::supply_key(), encode_u64(amount));
}

void MemoryState::commit(const ledger::StateChanges& changes) {
    for (const auto& [key, value] : changes) {
        if (value) {
            put(key, *value);
        } else {
            erase(key);
        }
    }
}

std::map<Address, uint64_t> all_balances(const MemoryState& base,
                                         const ledger::StateChanges& changes) {
    return collect(base, changes, Bytes{vm::kTokenModule, 'b'});
}

std::map<Address, uint64_t> all_nonces(const MemoryState& base,
                                       const ledger::StateChanges& changes) {
    return collect(base, changes, Bytes{vm::kSystemModule, 'n'});
}

uint64_t balance_of(const vm::StateReader& state, const Address& addr) {
    return value_or_fail(vm::token::balance(state, addr), "balance");
}

uint64_t nonce_of(const vm::StateReader& state, const Address& addr) {
    return value_or_fail(vm::accounts::get_nonce(state, addr), "nonce");
}

uint64_t supply_of(const vm::StateReader& state) {
    return value_or_fail(vm::token::supply(state), "supply");
}

vm::ChainParams test_params() {
    vm::ChainParams p;
    p.chain_id = std::string(kChainId);
    p.min_gas_price = 2;
    p.max_tx_gas = 1'000'000;
    p.gas.tx_base = 1000;
    p.gas.per_payload_byte = 10;
    p.gas.per_state_write = 500;
    p.gas.default_action = 1000;
    p.gas.actions = {{"token.transfer", 1500}, {"token.multi_transfer", 2500}};
    return p;
}

Address test_proposer() {
    Address a;
    a.bytes.fill(0xee);
    return a;
}

vm::BlockContext test_block(uint64_t height) {
    return {std::string(kChainId), height, 1'700'000'000'000 + height * 1000, test_proposer()};
}

ledger::Tx make_tx(const PrivateKey& key,
                   uint64_t nonce,
                   uint16_t module,
                   uint16_t action,
                   Bytes payload,
                   uint64_t gas_limit,
                   uint64_t gas_price) {
    ledger::Tx tx;
    tx.chain_id = std::string(kChainId);
    tx.nonce = nonce;
    tx.gas_limit = gas_limit;
    tx.gas_price = gas_price;
    tx.module = module;
    tx.action = action;
    tx.payload = std::move(payload);
    tx.sign(key);
    return tx;
}

ledger::Tx make_transfer(const PrivateKey& key,
                         uint64_t nonce,
                         const Address& to,
                         uint64_t amount,
                         uint64_t gas_limit,
                         uint64_t gas_price) {
    vm::token::Transfer t{to, amount};
    return make_tx(key, nonce, vm::kTokenModule, vm::token::kTransfer, t.encode(), gas_limit,
                   gas_price);
}

ledger::Tx make_multi_transfer(const PrivateKey& key,
                               uint64_t nonce,
                               std::vector<vm::token::MultiTransfer::Output> outputs,
                               uint64_t gas_limit,
                               uint64_t gas_price) {
    vm::token::MultiTransfer m{std::move(outputs)};
    return make_tx(key, nonce, vm::kTokenModule, vm::token::kMultiTransfer, m.encode(), gas_limit,
                   gas_price);
}

ledger::Tx resigned(ledger::Tx tx, const PrivateKey& key) {
    tx.sign(key);
    return tx;
}

}  // namespace azora::test
