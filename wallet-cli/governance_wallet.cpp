// The governance module's wallet commands: council propose, approve and list.
#include "vm/module_ids.hpp"
#include "vm/modules/governance/messages.hpp"
#include "wallet-cli/command_module.hpp"

namespace azora::wallet {

using nlohmann::json;
namespace gov = vm::governance;

namespace {

/// Options of the council subcommands; each command reads its own.
struct CouncilArgs {
    std::string from;
    std::string kind;  ///< admit, suspend or reinstate
    std::string target;
    std::string name;
    std::string url;
    uint64_t proposal_id = 0;
};

Result<json> propose(Wallet& w, const CouncilArgs& a) {
    gov::Propose p;
    if (a.kind == "admit") {
        p.kind = gov::ProposalKind::admit_issuer;
        if (a.name.empty()) {
            return Error::malformed("bad_request", "admitting an issuer needs --name");
        }
    } else if (a.kind == "suspend") {
        p.kind = gov::ProposalKind::suspend_issuer;
    } else if (a.kind == "reinstate") {
        p.kind = gov::ProposalKind::reinstate_issuer;
    } else {
        return Error::malformed("bad_kind", "--kind is admit, suspend or reinstate");
    }
    AZORA_ASSIGN(p.target, w.resolve_address(a.target));
    p.name = a.name;
    p.url = a.url;
    AZORA_ASSIGN(json out, w.submit(a.from, vm::kGovernanceModule, gov::kPropose, p.encode(),
                                    std::nullopt, std::nullopt, true, kCommitWait));
    return require_success(std::move(out));
}

Result<json> approve(Wallet& w, const CouncilArgs& a) {
    AZORA_ASSIGN(json out, w.submit(a.from, vm::kGovernanceModule, gov::kApprove,
                                    gov::Approve{a.proposal_id}.encode(), std::nullopt,
                                    std::nullopt, true, kCommitWait));
    out["proposal_id"] = a.proposal_id;
    return require_success(std::move(out));
}

}  // namespace

std::vector<Command> governance_commands(CLI::App& app) {
    auto a = std::make_shared<CouncilArgs>();
    auto* council = app.add_subcommand("council", "issuer governance")->require_subcommand(1);
    auto* g_propose = council->add_subcommand("propose", "propose to admit/suspend/reinstate");
    g_propose->add_option("--from", a->from, "council member key name")->required();
    g_propose->add_option("--kind", a->kind, "admit, suspend or reinstate")->required();
    g_propose->add_option("--target", a->target, "issuer address or key name")->required();
    g_propose->add_option("--name", a->name, "issuer name (admit)");
    g_propose->add_option("--url", a->url, "issuer url (admit)");
    auto* g_approve = council->add_subcommand("approve", "approve an open proposal");
    g_approve->add_option("--from", a->from, "council member key name")->required();
    g_approve->add_option("ID", a->proposal_id, "proposal id")->required();
    auto* g_list = council->add_subcommand("list", "show the council and its proposals");

    return {
        {g_propose, [a](Wallet& w) { return propose(w, *a); }, print_tx_outcome},
        {g_approve, [a](Wallet& w) { return approve(w, *a); }, print_tx_outcome},
        {g_list, [](Wallet& w) { return w.call("council_proposals", json::object()); }, nullptr}};
}

}  // namespace azora::wallet
