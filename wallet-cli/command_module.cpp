#include "wallet-cli/command_module.hpp"

#include <cstdio>

namespace azora::wallet {

using nlohmann::json;

Result<json> require_success(json out) {
    if (out.contains("receipt") && out["receipt"].value("status", "") != "success") {
        return Error::failed(out["receipt"].value("error", "tx_failed"),
                             "transaction " + out["hash"].get<std::string>() + " failed");
    }
    return out;
}

std::string field(const json& j, const char* name) {
    return j.contains(name) && j.at(name).is_string() ? j.at(name).get<std::string>() : "";
}

void print_tx_outcome(const json& r) {
    std::printf("tx %s", r.at("hash").get<std::string>().c_str());
    if (!r.contains("height")) {
        std::printf(": pending\n");
        return;
    }
    const json& rc = r.at("receipt");
    std::printf(" committed at height %llu: %s", r.at("height").get<unsigned long long>(),
                rc.at("status").get<std::string>().c_str());
    if (!rc.at("error").get<std::string>().empty()) {
        std::printf(" (%s)", rc.at("error").get<std::string>().c_str());
    }
    std::printf("\n");
    for (const auto& e : rc.at("events")) {
        std::printf("  event %s %s\n", e.at("type").get<std::string>().c_str(),
                    e.at("attributes").dump().c_str());
    }
}

}  // namespace azora::wallet
