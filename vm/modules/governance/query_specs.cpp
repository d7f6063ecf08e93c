#include "core/reasons.hpp"
#include "vm/modules/governance/module.hpp"
#include "vm/modules/governance/queries.hpp"

namespace azora::vm::governance {
namespace {

using nlohmann::json;

/// Proposals one council_proposals call examines at most when filtering by status, so that a
/// filter matching few proposals still answers in bounded time (the cursor resumes the walk).
constexpr size_t kMaxProposalScan = 2000;

std::optional<ProposalStatus> parse_status_filter(const std::string& s) {
    for (auto st : {ProposalStatus::open, ProposalStatus::executed, ProposalStatus::expired}) {
        if (s == to_string(st)) {
            return st;
        }
    }
    return std::nullopt;
}

json proposal_to_json(const Proposal& p, uint64_t height, std::string_view hrp) {
    json approvals = json::array();
    for (const auto& a : p.approvals) {
        approvals.push_back(a.to_string(hrp));
    }
    return {{"id", p.id},
            {"kind", to_string(p.kind)},
            {"target", p.target.to_string(hrp)},
            {"name", p.name},
            {"url", p.url},
            {"proposer", p.proposer.to_string(hrp)},
            {"approvals", approvals},
            {"created_height", p.created_height},
            {"expires_height", p.expires_height},
            {"status", to_string(effective_status(p, height))}};
}

// The council as JSON, null when the chain has none. Reads the Result in place rather than
// moving the optional out of it (GCC 12 warns, wrongly, about the moved-from optional).
Result<json> council_json(const StateReader& state, std::string_view hrp) {
    const auto council = get_council(state);
    if (!council.ok()) {
        return council.error();
    }
    if (!council->has_value()) {
        return json(nullptr);
    }
    const Council& c = **council;
    json members = json::array();
    for (const auto& m : c.members) {
        members.push_back(m.to_string(hrp));
    }
    return json{{"members", members},
                {"threshold", c.threshold},
                {"proposal_ttl_blocks", c.proposal_ttl_blocks}};
}

Bytes id_cursor(uint64_t id) {
    Bytes be(8);
    for (size_t k = 0; k < 8; ++k) {
        be[k] = static_cast<uint8_t>(id >> (8 * (7 - k)));
    }
    return be;
}

Result<json> council_proposals(const QueryContext& ctx, const QueryArgs& args) {
    AZORA_ASSIGN(auto status_text, args.opt_string("status"));
    std::optional<ProposalStatus> filter;
    if (status_text && *status_text != "all") {
        filter = parse_status_filter(*status_text);
        if (!filter) {
            return Error::from(reasons::kInvalidParams,
                               "status must be open, executed, expired or all");
        }
    }
    AZORA_ASSIGN(PageArgs page, args.page(8));
    // Effective statuses are those at the head the state belongs to.
    const uint64_t height = ctx.head_height;
    AZORA_ASSIGN(json council, council_json(ctx.state, ctx.hrp));

    json proposals = json::array();
    Bytes cursor = page.cursor;
    std::optional<Bytes> next;
    size_t scanned = 0;
    bool more = true;
    while (more && proposals.size() < page.limit && scanned < kMaxProposalScan) {
        AZORA_ASSIGN(auto chunk, list_proposals(ctx.state, cursor, page.limit));
        more = chunk.next_cursor.has_value();
        next.reset();
        for (size_t i = 0; i < chunk.items.size(); ++i) {
            const auto& prop = chunk.items[i];
            ++scanned;
            if (!filter || effective_status(prop, height) == *filter) {
                proposals.push_back(proposal_to_json(prop, height, ctx.hrp));
            }
            const bool last_in_chunk = i + 1 == chunk.items.size();
            if (proposals.size() == page.limit || scanned == kMaxProposalScan) {
                // Stop here; resume after this proposal if any follow it.
                if (!last_in_chunk || more) {
                    next = id_cursor(prop.id);
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

std::vector<QuerySpec> queries() {
    std::vector<QueryParam> params{
        {"status", "string", false, "open, executed, expired or all (default)"}};
    for (QueryParam& p : page_params()) {
        params.push_back(std::move(p));
    }
    return {{"council_proposals",
             "The council and its proposals in id order, with their effective status, paged.",
             std::move(params),
             "council {members, threshold, proposal_ttl_blocks} or null, proposals, next_cursor",
             "object",
             {},
             council_proposals}};
}

}  // namespace azora::vm::governance
