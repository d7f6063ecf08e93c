#include "tests/support/local_net.hpp"

#include <csignal>

#include "tests/support/poll.hpp"

namespace azora::test {
namespace {

constexpr std::chrono::milliseconds kGenerateTimeout{60'000};

std::string tail(const std::string& text, size_t max) {
    return text.size() <= max ? text : "..." + text.substr(text.size() - max);
}

}  // namespace

LocalNet::LocalNet(LocalNetOptions options)
    : m_options(std::move(options)), m_work("azora-localnet") {}

LocalNet::~LocalNet() {
    // Clients first (they hold sockets to the nodes), then every child still running; the
    // TempDir member then removes the work dir.
    for (auto& r : m_runs) {
        r.client.reset();
        if (r.process) {
            r.process->kill();
        }
    }
}

::testing::AssertionResult LocalNet::generate() {
    if (!m_nodes.empty()) {
        return ::testing::AssertionFailure() << "network already generated";
    }
    const std::vector<std::string> args = {"testnet",
                                           "-n",
                                           std::to_string(m_options.validators),
                                           "--followers",
                                           std::to_string(m_options.followers),
                                           "--base-port",
                                           "0",
                                           "--block-time-ms",
                                           std::to_string(m_options.block_time_ms),
                                           "--out",
                                           net_dir().string()};
    const RunResult run =
        run_program(m_options.azorad, args, m_work.path(), "azorad-testnet", kGenerateTimeout);
    if (run.timed_out || !run.status.success()) {
        return ::testing::AssertionFailure()
               << "azorad testnet failed ("
               << (run.timed_out ? std::string("timed out") : run.status.to_string())
               << ")\nstdout:\n"
               << tail(run.out, 2000) << "\nstderr:\n"
               << tail(run.err, 2000);
    }
    const auto text = read_text_file(net_dir() / "nodes.json");
    const auto j = nlohmann::json::parse(text, nullptr, false);
    const size_t expected = m_options.validators + m_options.followers;
    if (!j.is_array() || j.size() != expected) {
        return ::testing::AssertionFailure()
               << "nodes.json is not an array of " << expected << " nodes:\n"
               << text;
    }
    std::vector<LocalNetNode> nodes;
    for (const auto& item : j) {
        LocalNetNode n;
        try {
            n.name = item.at("name").get<std::string>();
            n.validator = item.at("validator").get<bool>();
            n.rpc = item.at("rpc").get<std::string>();
            n.p2p = item.at("p2p").get<std::string>();
            n.node_id = item.at("node_id").get<std::string>();
            n.datadir = net_dir() / item.at("datadir").get<std::string>();
        } catch (const nlohmann::json::exception& e) {
            return ::testing::AssertionFailure()
                   << "nodes.json entry " << item.dump() << ": " << e.what();
        }
        auto endpoint = rpc::parse_url(n.rpc);
        if (!endpoint) {
            return ::testing::AssertionFailure()
                   << "nodes.json rpc " << n.rpc << ": " << endpoint.error().to_string();
        }
        n.rpc_port = endpoint->port;
        nodes.push_back(std::move(n));
    }
    m_nodes = std::move(nodes);
    m_runs = std::vector<Run>(m_nodes.size());
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult LocalNet::start(size_t k, const std::vector<std::string>& extra_args) {
    if (k >= m_nodes.size()) {
        return ::testing::AssertionFailure() << "no node " << k << " (generate() first?)";
    }
    Run& r = m_runs[k];
    if (r.process) {
        return ::testing::AssertionFailure() << m_nodes[k].name << " already running";
    }
    const std::string label = m_nodes[k].name + "-" + std::to_string(++r.count);
    r.out = m_work.path() / (label + ".out");
    r.err = m_work.path() / (label + ".err");
    std::vector<std::string> args = {"--datadir", m_nodes[k].datadir.string()};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    r.process = std::make_unique<Process>(m_options.azorad, args, r.out, r.err);
    r.client = std::make_unique<rpc::Client>(m_nodes[k].rpc, std::chrono::seconds(10));

    std::string last_error;
    std::optional<ExitStatus> exited;
    const bool answering = poll_until(
        [&] {
            auto info = r.client->call("node_info");
            if (info) {
                return true;
            }
            last_error = info.error().to_string();
            exited = r.process->poll();
            return exited.has_value();
        },
        kStartTimeout);
    if (!answering || exited) {
        auto failure = ::testing::AssertionFailure();
        if (exited) {
            failure << m_nodes[k].name << " exited during startup (" << exited->to_string() << ")";
        } else {
            failure << m_nodes[k].name << ": node_info did not answer on " << m_nodes[k].rpc
                    << " within " << kStartTimeout.count() << " ms: " << last_error;
        }
        r.client.reset();
        r.process->kill();
        r.process.reset();
        return failure << "\n" << log_tail(k);
    }
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult LocalNet::stop(size_t k) {
    if (k >= m_runs.size() || !m_runs[k].process) {
        return ::testing::AssertionFailure() << "node " << k << " not running";
    }
    Run& r = m_runs[k];
    r.client.reset();
    r.process->signal(SIGTERM);
    auto status = r.process->wait_for(kStopTimeout);
    const bool timed_out = !status;
    if (timed_out) {
        status = r.process->kill();
    }
    r.process.reset();
    if (timed_out || !status->success()) {
        return ::testing::AssertionFailure()
               << m_nodes[k].name << " did not exit cleanly after SIGTERM: "
               << (timed_out ? "still running after " + std::to_string(kStopTimeout.count()) + " ms"
                             : status->to_string())
               << "\n"
               << log_tail(k);
    }
    return ::testing::AssertionSuccess();
}

ExitStatus LocalNet::kill9(size_t k) {
    if (k >= m_runs.size() || !m_runs[k].process) {
        return {};
    }
    Run& r = m_runs[k];
    r.client.reset();
    const ExitStatus s = r.process->kill();
    r.process.reset();
    return s;
}

::testing::AssertionResult LocalNet::restart(size_t k) {
    if (auto stopped = stop(k); !stopped) {
        return stopped;
    }
    return start(k);
}

Result<nlohmann::json> LocalNet::call(size_t k, const std::string& method, nlohmann::json params) {
    if (k >= m_runs.size() || !m_runs[k].client) {
        return Error::internal("not_running", "node " + std::to_string(k) + " is not running");
    }
    return m_runs[k].client->call(method, std::move(params));
}

std::optional<uint64_t> LocalNet::height(size_t k) {
    auto info = call(k, "node_info");
    if (!info || !info->contains("height") || !info->at("height").is_number_unsigned()) {
        return std::nullopt;
    }
    return info->at("height").get<uint64_t>();
}

::testing::AssertionResult LocalNet::wait_for_height(size_t k,
                                                     uint64_t h,
                                                     std::chrono::milliseconds timeout) {
    std::optional<uint64_t> last;
    if (poll_until(
            [&] {
                last = height(k);
                return last && *last >= h;
            },
            timeout)) {
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << (k < m_nodes.size() ? m_nodes[k].name : "node " + std::to_string(k))
           << ": height did not reach " << h << " within " << timeout.count() << " ms (last "
           << (last ? std::to_string(*last) : "no answer") << ")\n"
           << log_tail(k);
}

std::string LocalNet::log_tail(size_t k, size_t max) const {
    if (k >= m_runs.size() || m_runs[k].count == 0) {
        return "(node " + std::to_string(k) + " never started)";
    }
    const Run& r = m_runs[k];
    return "stdout (" + r.out.string() + "):\n" + tail(read_text_file(r.out), max) + "\nstderr (" +
           r.err.string() + "):\n" + tail(read_text_file(r.err), max);
}

}  // namespace azora::test
