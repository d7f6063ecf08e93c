#include "node/rpc_credential_json.hpp"
#include "node/rpc_methods.hpp"
#include "rpc/params.hpp"
#include "vm/modules/credential/queries.hpp"
#include "vm/modules/governance/queries.hpp"

namespace azora::node {

using nlohmann::json;

json credential_to_json(const vm::credential::Credential& c, std::string_view hrp) {
    json revocation = nullptr;
    if (c.revocation) {
        revocation = {{"height", c.revocation->height},
                      {"time_ms", c.revocation->time_ms},
                      {"reason", c.revocation->reason}};
    }
    return {{"id", to_hex(c.id)},
            {"issuer", c.issuer.to_string(hrp)},
            {"holder", c.holder.to_string(hrp)},
            {"class", c.credential_class},
            {"title", c.title},
            {"metadata_hash", to_hex(c.metadata_hash)},
            {"metadata_uri", c.metadata_uri},
            {"issued_at", c.issued_at},
            {"expires_at", c.expires_at},
            {"transferable", c.transferable},
            {"revoked", c.revocation.has_value()},
            {"revocation", revocation}};
}

json issuer_to_json(const vm::credential::Issuer& i, std::string_view hrp) {
    json history = json::array();
    for (const auto& change : i.history) {
        history.push_back(
            {{"status", vm::credential::to_string(change.status)}, {"height", change.height}});
    }
    return {{"address", i.address.to_string(hrp)},
            {"name", i.name},
            {"url", i.url},
            {"status", vm::credential::to_string(i.status)},
            {"history", history}};
}

Result<Address> parse_address_arg(const rpc::Params& p,
                                  size_t index,
                                  std::string_view name,
                                  std::string_view hrp) {
    AZORA_ASSIGN(std::string text, p.get_string(index, name));
    auto addr = Address::parse(text, hrp);
    if (!addr) {
        return Error::malformed("invalid_params", std::string(name) + ": " + addr.error().message);
    }
    return *addr;
}

namespace {

/// Default and largest page sizes of the listing methods.
constexpr size_t kDefaultLimit = 50;
constexpr size_t kMaxLimit = 200;
/// Proposals council_proposals examines per call at most when filtering by status, so that a
/// filter matching few proposals still answers in bounded time (the cursor resumes the walk).
constexpr size_t kMaxProposalScan = 2000;

struct PageArgs {
    Bytes cursor;  ///< empty = first page
    size_t limit = kDefaultLimit;
};

// Reads `cursor` (hex of `cursor_len` bytes, opaque to clients) and `limit` at positions
// `index` and `index + 1`. A cursor that is not one of ours is a params error, never a crash.
Result<PageArgs> parse_page_args(const rpc::Params& p, size_t index, size_t cursor_len) {
    PageArgs out;
    AZORA_ASSIGN(auto cursor, p.opt_string(index, "cursor"));
    if (cursor) {
        auto bytes = from_hex(*cursor);
        if (!bytes || bytes->size() != cursor_len) {
            return Error::malformed("invalid_params",
                                    "bad_cursor: cursor must be a next_cursor from this method");
        }
        out.cursor = std::move(*bytes);
    }
    AZORA_ASSIGN(auto limit, p.opt_u64(index + 1, "limit"));
    if (limit) {
        if (*limit == 0 || *limit > kMaxLimit) {
            return Error::malformed("invalid_params",
                                    "limit must be 1 to " + std::to_string(kMaxLimit));
        }
        out.limit = static_cast<size_t>(*limit);
    }
    return out;
}

json cursor_json(const std::optional<Bytes>& cursor) {
    return cursor ? json(to_hex(*cursor)) : json(nullptr);
}

json credential_page_json(const vm::credential::CredentialPage& page, std::string_view hrp) {
    json items = json::array();
    for (const auto& c : page.items) {
        items.push_back(credential_to_json(c, hrp));
    }
    return {{"credentials", items}, {"next_cursor", cursor_json(page.next_cursor)}};
}

std::optional<vm::governance::ProposalStatus> parse_status_filter(const std::string& s) {
    using vm::governance::ProposalStatus;
    for (auto st : {ProposalStatus::open, ProposalStatus::executed, ProposalStatus::expired}) {
        if (s == vm::governance::to_string(st)) {
            return st;
        }
    }
    return std::nullopt;
}

json proposal_to_json(const vm::governance::Proposal& p, uint64_t height, std::string_view hrp) {
    json approvals = json::array();
    for (const auto& a : p.approvals) {
        approvals.push_back(a.to_string(hrp));
    }
    return {{"id", p.id},
            {"kind", vm::governance::to_string(p.kind)},
            {"target", p.target.to_string(hrp)},
            {"name", p.name},
            {"url", p.url},
            {"proposer", p.proposer.to_string(hrp)},
            {"approvals", approvals},
            {"created_height", p.created_height},
            {"expires_height", p.expires_height},
            {"status", vm::governance::to_string(vm::governance::effective_status(p, height))}};
}

// The council as JSON, null when the chain has none. Reads the Result in place rather than
// moving the optional out of it (GCC 12 warns, wrongly, about the moved-from optional).
Result<json> council_json(const vm::StateReader& state, std::string_view hrp) {
    const auto council = vm::governance::get_council(state);
    if (!council.ok()) {
        return council.error();
    }
    if (!council->has_value()) {
        return json(nullptr);
    }
    const vm::governance::Council& c = **council;
    json members = json::array();
    for (const auto& m : c.members) {
        members.push_back(m.to_string(hrp));
    }
    return json{{"members", members},
                {"threshold", c.threshold},
                {"proposal_ttl_blocks", c.proposal_ttl_blocks}};
}

Result<json> council_proposals(const Chain& chain, const json& params, std::string_view hrp) {
    rpc::Params p(params);
    AZORA_ASSIGN(auto status_text, p.opt_string(0, "status"));
    std::optional<vm::governance::ProposalStatus> filter;
    if (status_text && *status_text != "all") {
        filter = parse_status_filter(*status_text);
        if (!filter) {
            return Error::malformed("invalid_params",
                                    "status must be open, executed, expired or all");
        }
    }
    AZORA_ASSIGN(PageArgs page, parse_page_args(p, 1, 8));
    // Effective statuses are those at the head the state belongs to.
    const uint64_t height = chain.head().height;
    const vm::StateReader& state = chain.state();

    AZORA_ASSIGN(json council, council_json(state, hrp));

    json proposals = json::array();
    Bytes cursor = page.cursor;
    std::optional<Bytes> next;
    size_t scanned = 0;
    bool more = true;
    while (more && proposals.size() < page.limit && scanned < kMaxProposalScan) {
        AZORA_ASSIGN(auto chunk, vm::governance::list_proposals(state, cursor, page.limit));
        more = chunk.next_cursor.has_value();
        next.reset();
        for (size_t i = 0; i < chunk.items.size(); ++i) {
            const auto& prop = chunk.items[i];
            ++scanned;
            if (!filter || vm::governance::effective_status(prop, height) == *filter) {
                proposals.push_back(proposal_to_json(prop, height, hrp));
            }
            const bool last_in_chunk = i + 1 == chunk.items.size();
            if (proposals.size() == page.limit || scanned == kMaxProposalScan) {
                // Stop here; resume after this proposal if any follow it.
                if (!last_in_chunk || more) {
                    Bytes be(8);
                    for (size_t k = 0; k < 8; ++k) {
                        be[k] = static_cast<uint8_t>(prop.id >> (8 * (7 - k)));
                    }
                    next = std::move(be);
                }
                more = false;
                break;
            }
        }
        if (more) {
            cursor = *chunk.next_cursor;
        }
    }
    return json{{"council", council}, {"proposals", proposals}, {"next_cursor", cursor_json(next)}};
}

}  // namespace

Result<void> register_credential_methods(rpc::MethodTable& table, RpcBackend& b) {
    const std::string hrp(b.chain.genesis().hrp());
    const rpc::ParamSpec cursor_spec{"cursor", "string", false, "next_cursor of the last page"};
    const rpc::ParamSpec limit_spec{"limit", "u64", false, "page size, 1-200 (default 50)"};

    AZORA_TRY(
        table.add({"credential_get",
                   "A credential by id, as it stands at the head.",
                   {{"id", "hex", true, "credential id (32 bytes)"}},
                   "credential",
                   "object",
                   false,
                   [&b, hrp](const json& params) -> Result<json> {
                       AZORA_ASSIGN(std::string id_hex, rpc::Params(params).get_string(0, "id"));
                       AZORA_ASSIGN(Hash32 id, parse_hash_param(id_hex, "id"));
                       AZORA_ASSIGN(auto c, vm::credential::get_credential(b.chain.state(), id));
                       if (!c) {
                           return Error::rejected("not_found", "no credential with that id");
                       }
                       return credential_to_json(*c, hrp);
                   }}));

    AZORA_TRY(table.add({"credential_listByHolder",
                         "The credentials an address holds now, in id order, paged.",
                         {{"holder", "string", true, "bech32m address"}, cursor_spec, limit_spec},
                         "credentials, next_cursor (string or null)",
                         "object",
                         false,
                         [&b, hrp](const json& params) -> Result<json> {
                             rpc::Params p(params);
                             AZORA_ASSIGN(Address holder, parse_address_arg(p, 0, "holder", hrp));
                             AZORA_ASSIGN(PageArgs page, parse_page_args(p, 1, 32));
                             AZORA_ASSIGN(auto r,
                                          vm::credential::list_by_holder(b.chain.state(), holder,
                                                                         page.cursor, page.limit));
                             return credential_page_json(r, hrp);
                         }}));

    AZORA_TRY(table.add(
        {"credential_listByIssuer",
         "The credentials an issuer minted (revoked and transferred ones included), paged.",
         {{"issuer", "string", true, "bech32m address"}, cursor_spec, limit_spec},
         "credentials, next_cursor (string or null)",
         "object",
         false,
         [&b, hrp](const json& params) -> Result<json> {
             rpc::Params p(params);
             AZORA_ASSIGN(Address issuer, parse_address_arg(p, 0, "issuer", hrp));
             AZORA_ASSIGN(PageArgs page, parse_page_args(p, 1, 32));
             AZORA_ASSIGN(auto r, vm::credential::list_by_issuer(b.chain.state(), issuer,
                                                                 page.cursor, page.limit));
             return credential_page_json(r, hrp);
         }}));

    AZORA_TRY(table.add({"issuer_get",
                         "An issuer record: name, url, status and its history of changes.",
                         {{"address", "string", true, "bech32m address"}},
                         "issuer",
                         "object",
                         false,
                         [&b, hrp](const json& params) -> Result<json> {
                             AZORA_ASSIGN(Address a, parse_address_arg(rpc::Params(params), 0,
                                                                       "address", hrp));
                             AZORA_ASSIGN(auto i, vm::credential::get_issuer(b.chain.state(), a));
                             if (!i) {
                                 return Error::rejected("not_found", "no issuer at that address");
                             }
                             return issuer_to_json(*i, hrp);
                         }}));

    AZORA_TRY(
        table.add({"issuer_list",
                   "Every issuer, active or suspended, in address order, paged.",
                   {cursor_spec, limit_spec},
                   "issuers, next_cursor (string or null)",
                   "object",
                   false,
                   [&b, hrp](const json& params) -> Result<json> {
                       AZORA_ASSIGN(PageArgs page, parse_page_args(rpc::Params(params), 0, 20));
                       AZORA_ASSIGN(auto r, vm::credential::list_issuers(b.chain.state(),
                                                                         page.cursor, page.limit));
                       json items = json::array();
                       for (const auto& i : r.items) {
                           items.push_back(issuer_to_json(i, hrp));
                       }
                       return json{{"issuers", items}, {"next_cursor", cursor_json(r.next_cursor)}};
                   }}));

    AZORA_TRY(table.add(
        {"council_proposals",
         "The council and its proposals in id order, with their effective status, paged.",
         {{"status", "string", false, "open, executed, expired or all (default)"},
          cursor_spec,
          limit_spec},
         "council {members, threshold, proposal_ttl_blocks} or null, proposals, next_cursor",
         "object",
         false,
         [&b, hrp](const json& params) -> Result<json> {
             return council_proposals(b.chain, params, hrp);
         }}));

    return register_credential_verify(table, b);
}

}  // namespace azora::node
