#include "vm/modules/credential/json.hpp"

namespace azora::vm::credential {

using nlohmann::json;

json to_json(const Credential& c, std::string_view hrp) {
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

json to_json(const Issuer& i, std::string_view hrp) {
    json history = json::array();
    for (const auto& change : i.history) {
        history.push_back({{"status", to_string(change.status)}, {"height", change.height}});
    }
    return {{"address", i.address.to_string(hrp)},
            {"name", i.name},
            {"url", i.url},
            {"status", to_string(i.status)},
            {"history", history}};
}

}  // namespace azora::vm::credential
