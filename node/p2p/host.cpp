#include "node/p2p/host.hpp"

#include "node/p2p/host_impl.hpp"

namespace azora::p2p {

Host::Host(P2pOptions options, Handler& handler)
    : m_impl(std::make_unique<HostImpl>(std::move(options), handler)) {}

Host::~Host() = default;

Result<void> Host::start() {
    return m_impl->start();
}
void Host::stop() {
    m_impl->stop();
}
uint16_t Host::port() const {
    return m_impl->port();
}
const NodeId& Host::id() const {
    return m_impl->id();
}
void Host::send(const NodeId& peer, uint8_t type, Bytes payload) {
    m_impl->send(peer, type, std::move(payload));
}
void Host::broadcast(uint8_t type, Bytes payload, const std::optional<NodeId>& except) {
    m_impl->broadcast(type, std::move(payload), except);
}
void Host::report(const NodeId& peer, uint32_t points, std::string reason) {
    m_impl->report(peer, points, std::move(reason));
}
std::vector<PeerInfo> Host::peers() const {
    return m_impl->peers();
}
std::vector<BanInfo> Host::bans() const {
    return m_impl->bans();
}
Result<void> Host::add_peer(const std::string& address, bool persistent) {
    return m_impl->add_peer(address, persistent);
}
Result<void> Host::remove_peer(const NodeId& id) {
    return m_impl->remove_peer(id);
}
void Host::ban(const NodeId& id, std::chrono::milliseconds duration, std::string reason) {
    m_impl->ban(id, duration, std::move(reason));
}

}  // namespace azora::p2p
