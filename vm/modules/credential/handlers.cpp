#include <string>

#include "core/reasons.hpp"
#include "vm/modules/credential/messages.hpp"
#include "vm/modules/credential/module.hpp"
#include "vm/modules/credential/state.hpp"

namespace azora::vm::credential {
namespace {

Error bad_field(const std::string& field, const std::string& what) {
    return Error::from(reasons::kBadField, field + ": " + what);
}

Result<void> check_length(const std::string& field,
                          const std::string& value,
                          size_t min,
                          size_t max) {
    if (value.size() < min || value.size() > max) {
        return bad_field(field, "must be " + std::to_string(min) + " to " + std::to_string(max) +
                                    " bytes, got " + std::to_string(value.size()));
    }
    return {};
}

Result<void> check_class_and_title(const std::string& cls, const std::string& title) {
    AZORA_TRY(check_length("class", cls, 1, kClassMax));
    return check_length("title", title, 1, kTitleMax);
}

// Only an admitted issuer whose status is active may mint.
Result<void> require_active_issuer(const StateReader& state, const Address& sender) {
    AZORA_ASSIGN(auto issuer, load_issuer(state, sender));
    if (!issuer) {
        return Error::from(reasons::kNotIssuer, "the sender is not an accredited issuer");
    }
    if (issuer->status != IssuerStatus::active) {
        return Error::from(reasons::kIssuerNotActive, "the issuer is suspended and cannot mint");
    }
    return {};
}

Result<void> check_expiry(uint64_t expires_at, const TxContext& ctx) {
    if (expires_at != 0 && expires_at <= ctx.block.time_ms) {
        return Error::from(reasons::kBadExpiry, "expires_at must be 0 or after the block time " +
                                                    std::to_string(ctx.block.time_ms));
    }
    return {};
}

Result<void> require_new_id(const StateReader& state, const Hash32& id) {
    AZORA_ASSIGN(auto existing, state.get(credential_key(id)));
    if (existing) {
        return Error::from(reasons::kCredentialExists,
                           "credential " + to_hex(id) + " already exists");
    }
    return {};
}

Result<Credential> require_credential(const StateReader& state, const Hash32& id) {
    AZORA_ASSIGN(auto c, load_credential(state, id));
    if (!c) {
        return Error::from(reasons::kCredentialNotFound, "no credential " + to_hex(id));
    }
    return std::move(*c);
}

ledger::Event minted_event(const Credential& c) {
    return {kCredentialModule,
            "credential_minted",
            {{"id", to_hex(c.id)},
             {"issuer", to_hex(c.issuer.bytes)},
             {"holder", to_hex(c.holder.bytes)},
             {"class", c.credential_class}}};
}

// Mint
Result<void> check(const Mint& m) {
    AZORA_TRY(check_class_and_title(m.credential_class, m.title));
    return check_length("metadata_uri", m.metadata_uri, 0, kMetadataUriMax);
}

Result<void> verify(const Mint& m, const TxContext& ctx, const StateView& state) {
    AZORA_TRY(require_active_issuer(state, ctx.sender));
    AZORA_TRY(check_expiry(m.expires_at, ctx));
    return require_new_id(state, credential_id(ctx.sender, ctx.tx_hash, 0));
}

Result<void> apply(const Mint& m, TxContext& ctx, StateView& state) {
    Credential c{credential_id(ctx.sender, ctx.tx_hash, 0),
                 ctx.sender,
                 m.holder,
                 m.credential_class,
                 m.title,
                 m.metadata_hash,
                 m.metadata_uri,
                 ctx.block.time_ms,
                 m.expires_at,
                 m.transferable,
                 std::nullopt};
    insert_credential(state, c);
    ctx.events.push_back(minted_event(c));
    return {};
}

// BatchMint: every item or none (the executor reverts all writes on failure).
Result<void> check(const BatchMint& b) {
    if (b.items.size() < kBatchMin || b.items.size() > kBatchMax) {
        return Error::from(reasons::kBadBatch, "a batch holds " + std::to_string(kBatchMin) +
                                                   " to " + std::to_string(kBatchMax) +
                                                   " items, got " + std::to_string(b.items.size()));
    }
    AZORA_TRY(check_class_and_title(b.credential_class, b.title));
    AZORA_TRY(check_length("metadata_uri_prefix", b.metadata_uri_prefix, 0, kBatchUriPartMax));
    // Prefix and suffix are each at most kBatchUriPartMax, so their concatenation is within
    // kMetadataUriMax.
    static_assert(2 * kBatchUriPartMax <= kMetadataUriMax);
    for (size_t i = 0; i < b.items.size(); ++i) {
        const std::string& suffix = b.items[i].metadata_uri_suffix;
        const std::string field = "items[" + std::to_string(i) + "].";
        AZORA_TRY(check_length(field + "metadata_uri_suffix", suffix, 0, kBatchUriPartMax));
    }
    return {};
}

Result<void> verify(const BatchMint& b, const TxContext& ctx, const StateView& state) {
    AZORA_TRY(require_active_issuer(state, ctx.sender));
    AZORA_TRY(check_expiry(b.expires_at, ctx));
    for (size_t i = 0; i < b.items.size(); ++i) {
        AZORA_TRY(require_new_id(state,
                                 credential_id(ctx.sender, ctx.tx_hash, static_cast<uint32_t>(i))));
    }
    return {};
}

Result<void> apply(const BatchMint& b, TxContext& ctx, StateView& state) {
    for (size_t i = 0; i < b.items.size(); ++i) {
        const BatchMint::Item& item = b.items[i];
        Credential c{credential_id(ctx.sender, ctx.tx_hash, static_cast<uint32_t>(i)),
                     ctx.sender,
                     item.holder,
                     b.credential_class,
                     b.title,
                     item.metadata_hash,
                     b.metadata_uri_prefix + item.metadata_uri_suffix,
                     ctx.block.time_ms,
                     b.expires_at,
                     b.transferable,
                     std::nullopt};
        insert_credential(state, c);
        ctx.events.push_back(minted_event(c));
    }
    return {};
}

// Revoke: only the credential's issuer, whatever its status now; once.
Result<void> check(const Revoke& r) {
    return check_length("reason", r.reason, 1, kReasonMax);
}

Result<void> verify(const Revoke& r, const TxContext& ctx, const StateView& state) {
    AZORA_ASSIGN(Credential c, require_credential(state, r.id));
    if (c.issuer != ctx.sender) {
        return Error::from(reasons::kNotIssuer, "only the credential's issuer may revoke it");
    }
    if (c.revocation) {
        return Error::from(reasons::kAlreadyRevoked,
                           "revoked at height " + std::to_string(c.revocation->height));
    }
    return {};
}

Result<void> apply(const Revoke& r, TxContext& ctx, StateView& state) {
    AZORA_ASSIGN(Credential c, require_credential(state, r.id));
    c.revocation = Revocation{ctx.block.height, ctx.block.time_ms, r.reason};
    store_credential(state, c);
    ctx.events.push_back(
        {kCredentialModule,
         "credential_revoked",
         {{"id", to_hex(c.id)}, {"issuer", to_hex(c.issuer.bytes)}, {"reason", r.reason}}});
    return {};
}

// Transfer: only the holder, only a transferable credential that is not revoked.
Result<void> check(const Transfer&) {
    return {};
}

Result<void> verify(const Transfer& t, const TxContext& ctx, const StateView& state) {
    AZORA_ASSIGN(Credential c, require_credential(state, t.id));
    if (c.holder != ctx.sender) {
        return Error::from(reasons::kNotHolder, "only the holder may transfer a credential");
    }
    if (!c.transferable) {
        return Error::from(reasons::kNotTransferable, "the credential is soulbound");
    }
    if (c.revocation) {
        return Error::from(reasons::kCredentialRevoked,
                           "a revoked credential cannot be transferred");
    }
    return {};
}

Result<void> apply(const Transfer& t, TxContext& ctx, StateView& state) {
    AZORA_ASSIGN(Credential c, require_credential(state, t.id));
    const Address from = c.holder;
    move_credential(state, std::move(c), t.to);
    ctx.events.push_back(
        {kCredentialModule,
         "credential_transferred",
         {{"id", to_hex(t.id)}, {"from", to_hex(from.bytes)}, {"to", to_hex(t.to.bytes)}}});
    return {};
}

template <typename Msg>
ActionSpec action(uint16_t id, std::string name) {
    return make_action<Msg>(
        kCredentialModule, id, std::move(name), [](ByteView p) { return Msg::decode(p); },
        [](const Msg& m) { return check(m); },
        [](const Msg& m, const TxContext& c, const StateView& s) { return verify(m, c, s); },
        [](const Msg& m, TxContext& c, StateView& s) { return apply(m, c, s); });
}

}  // namespace

std::vector<ActionSpec> actions() {
    return {action<Mint>(kMint, "credential.mint"),
            action<BatchMint>(kBatchMint, "credential.batch_mint"),
            action<Revoke>(kRevoke, "credential.revoke"),
            action<Transfer>(kTransfer, "credential.transfer")};
}

}  // namespace azora::vm::credential
