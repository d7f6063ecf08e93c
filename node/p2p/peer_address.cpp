#include "node/p2p/peer_address.hpp"

#include <charconv>

#include "core/reasons.hpp"

namespace azora::p2p {

std::string node_id_hex(const NodeId& id) {
    return to_hex(id);
}

std::string PeerAddress::endpoint() const {
    const bool v6 = host.find(':') != std::string::npos;
    return (v6 ? "[" + host + "]" : host) + ":" + std::to_string(port);
}

std::string PeerAddress::to_string() const {
    return id ? node_id_hex(*id) + "@" + endpoint() : endpoint();
}

Result<PeerAddress> parse_peer_address(const std::string& text) {
    auto bad = [&](const char* why) {
        return Error::from(reasons::kBadAddress, "'" + text + "': " + why);
    };
    PeerAddress out;
    std::string_view rest = text;
    if (auto at = rest.find('@'); at != std::string_view::npos) {
        auto id = fixed_from_hex<32>(rest.substr(0, at));
        if (!id) {
            return bad("node id must be 64 hex digits");
        }
        out.id = *id;
        rest.remove_prefix(at + 1);
    }
    auto colon = rest.rfind(':');
    if (colon == std::string_view::npos) {
        return bad("missing port");
    }
    std::string_view host = rest.substr(0, colon);
    std::string_view port = rest.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
        host = host.substr(1, host.size() - 2);
    } else if (host.find(':') != std::string_view::npos) {
        return bad("IPv6 hosts need brackets");
    }
    if (host.empty() || host.size() > 255) {
        return bad("bad host");
    }
    unsigned value = 0;
    auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || end != port.data() + port.size() || port.empty() || value == 0 ||
        value > 65535) {
        return bad("bad port");
    }
    out.host = std::string(host);
    out.port = static_cast<uint16_t>(value);
    return out;
}

}  // namespace azora::p2p
