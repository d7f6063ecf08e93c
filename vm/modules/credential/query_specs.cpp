#include "core/reasons.hpp"
#include "vm/modules/credential/json.hpp"
#include "vm/modules/credential/module.hpp"
#include "vm/modules/credential/queries.hpp"

namespace azora::vm::credential {
namespace {

using nlohmann::json;

json credential_page_json(const CredentialPage& page, std::string_view hrp) {
    json items = json::array();
    for (const auto& c : page.items) {
        items.push_back(to_json(c, hrp));
    }
    return {{"credentials", items}, {"next_cursor", cursor_json(page.next_cursor)}};
}

Result<json> get(const QueryContext& ctx, const QueryArgs& args) {
    AZORA_ASSIGN(Hash32 id, args.hash("id"));
    AZORA_ASSIGN(auto c, get_credential(ctx.state, id));
    if (!c) {
        return Error::from(reasons::kNotFound, "no credential with that id");
    }
    return to_json(*c, ctx.hrp);
}

Result<json> by_holder(const QueryContext& ctx, const QueryArgs& args) {
    AZORA_ASSIGN(Address holder, args.address("holder"));
    AZORA_ASSIGN(PageArgs page, args.page(32));
    AZORA_ASSIGN(auto r, list_by_holder(ctx.state, holder, page.cursor, page.limit));
    return credential_page_json(r, ctx.hrp);
}

Result<json> by_issuer(const QueryContext& ctx, const QueryArgs& args) {
    AZORA_ASSIGN(Address issuer, args.address("issuer"));
    AZORA_ASSIGN(PageArgs page, args.page(32));
    AZORA_ASSIGN(auto r, list_by_issuer(ctx.state, issuer, page.cursor, page.limit));
    return credential_page_json(r, ctx.hrp);
}

Result<json> issuer(const QueryContext& ctx, const QueryArgs& args) {
    AZORA_ASSIGN(Address a, args.address("address"));
    AZORA_ASSIGN(auto i, get_issuer(ctx.state, a));
    if (!i) {
        return Error::from(reasons::kNotFound, "no issuer at that address");
    }
    return to_json(*i, ctx.hrp);
}

Result<json> issuers(const QueryContext& ctx, const QueryArgs& args) {
    AZORA_ASSIGN(PageArgs page, args.page(20));
    AZORA_ASSIGN(auto r, list_issuers(ctx.state, page.cursor, page.limit));
    json items = json::array();
    for (const auto& i : r.items) {
        items.push_back(to_json(i, ctx.hrp));
    }
    return json{{"issuers", items}, {"next_cursor", cursor_json(r.next_cursor)}};
}

// An address param followed by the page params.
std::vector<QueryParam> address_and_page(const char* name) {
    std::vector<QueryParam> params{{name, "address", true, "bech32m address"}};
    for (QueryParam& p : page_params()) {
        params.push_back(std::move(p));
    }
    return params;
}

}  // namespace

std::vector<QuerySpec> queries() {
    const std::string page_result = "credentials, next_cursor (string or null)";
    return {
        {"credential_get",
         "A credential by id, as it stands at the head.",
         {{"id", "hash", true, "credential id (32 bytes)"}},
         "credential",
         "object",
         {},
         get},
        {"credential_listByHolder",
         "The credentials an address holds now, in id order, paged.",
         address_and_page("holder"),
         page_result,
         "object",
         {},
         by_holder},
        {"credential_listByIssuer",
         "The credentials an issuer minted (revoked and transferred ones included), paged.",
         address_and_page("issuer"),
         page_result,
         "object",
         {},
         by_issuer},
        {"issuer_get",
         "An issuer record: name, url, status and its history of changes.",
         {{"address", "address", true, "bech32m address"}},
         "issuer",
         "object",
         {},
         issuer},
        {"issuer_list",
         "Every issuer, active or suspended, in address order, paged.",
         page_params(),
         "issuers, next_cursor (string or null)",
         "object",
         {},
         issuers},
        verify_query(),
    };
}

}  // namespace azora::vm::credential
