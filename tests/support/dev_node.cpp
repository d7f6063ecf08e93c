#include "tests/support/dev_node.hpp"

#include <regex>

#include "tests/support/poll.hpp"

namespace azora::test {
namespace {

std::string tail(const std::string& text, size_t max = 2000) {
    return text.size() <= max ? text : "..." + text.substr(text.size() - max);
}

}  // namespace

DevNode::DevNode(DevNodeOptions options)
    : m_options(std::move(options)), m_work("azora-it"), m_datadir(m_work.path() / "data") {}

DevNode::~DevNode() {
    m_client.reset();
    if (m_process) {
        m_process->kill();
    }
}

std::vector<std::string> DevNode::args() const {
    return {"--dev",
            "--datadir",
            m_datadir.string(),
            "--rpc-port",
            "0",
            "--block-time-ms",
            std::to_string(m_options.block_time_ms)};
}

::testing::AssertionResult DevNode::start() {
    if (m_process) {
        return ::testing::AssertionFailure() << "node already running";
    }
    const std::string label = "azorad-" + std::to_string(++m_runs);
    m_out = m_work.path() / (label + ".out");
    m_err = m_work.path() / (label + ".err");
    m_process = std::make_unique<Process>(m_options.azorad, args(), m_out, m_err);
    m_port = 0;

    // The banner is printed once the RPC server listens; with --rpc-port 0 it carries the
    // port the kernel picked.
    static const std::regex kRpcLine(R"(RPC:\s+http://127\.0\.0\.1:(\d+)\s)");
    std::optional<ExitStatus> exited;
    const bool banner = poll_until(
        [&] {
            std::smatch m;
            const std::string out = stdout_text();
            if (std::regex_search(out, m, kRpcLine)) {
                m_port = static_cast<uint16_t>(std::stoul(m[1].str()));
                return true;
            }
            exited = m_process->poll();
            return exited.has_value();
        },
        kStartTimeout);
    if (exited || !banner || m_port == 0) {
        auto failure = ::testing::AssertionFailure();
        if (exited) {
            failure << "azorad exited during startup (" << exited->to_string() << ")";
        } else if (!banner) {
            failure << "no \"RPC: http://127.0.0.1:PORT\" banner line within "
                    << kStartTimeout.count() << " ms";
        } else {
            failure << "banner shows port 0, not the port actually bound";
        }
        m_process->kill();
        m_process.reset();
        return failure << "\nstdout:\n"
                       << tail(stdout_text()) << "\nstderr:\n"
                       << tail(stderr_text());
    }

    m_client = std::make_unique<rpc::Client>(url(), std::chrono::seconds(10));
    std::string last_error;
    const bool answering = poll_until(
        [&] {
            auto info = m_client->call("node_info");
            if (!info) {
                last_error = info.error().to_string();
            }
            return info.ok() || m_process->poll().has_value();
        },
        kStartTimeout);
    if (!answering || m_process->poll()) {
        m_process->kill();
        m_process.reset();
        return ::testing::AssertionFailure()
               << "node_info did not answer on " << url() << ": " << last_error << "\nstderr:\n"
               << tail(stderr_text());
    }
    return ::testing::AssertionSuccess();
}

::testing::AssertionResult DevNode::stop() {
    if (!m_process) {
        return ::testing::AssertionFailure() << "node not running";
    }
    m_client.reset();
    m_process->signal(SIGTERM);
    auto status = m_process->wait_for(kStopTimeout);
    const bool timed_out = !status;
    if (timed_out) {
        status = m_process->kill();
    }
    m_process.reset();
    if (timed_out || !status->success()) {
        return ::testing::AssertionFailure()
               << "azorad did not exit cleanly after SIGTERM: "
               << (timed_out ? "still running after " + std::to_string(kStopTimeout.count()) + " ms"
                             : status->to_string())
               << "\nstderr:\n"
               << tail(stderr_text());
    }
    return ::testing::AssertionSuccess();
}

ExitStatus DevNode::kill9() {
    m_client.reset();
    if (!m_process) {
        return {};
    }
    const ExitStatus s = m_process->kill();
    m_process.reset();
    return s;
}

RunResult DevNode::run_expecting_exit(std::chrono::milliseconds timeout) {
    // Its own log files: a node started by start() may still be running and logging.
    return run_program(m_options.azorad, args(), m_work.path(),
                       "azorad-" + std::to_string(++m_runs), timeout);
}

std::string DevNode::stdout_text() const {
    return read_text_file(m_out);
}

std::string DevNode::stderr_text() const {
    return read_text_file(m_err);
}

std::optional<uint64_t> DevNode::height() {
    if (!m_client) {
        return std::nullopt;
    }
    auto info = m_client->call("node_info");
    if (!info || !info->contains("height")) {
        return std::nullopt;
    }
    return info->at("height").get<uint64_t>();
}

::testing::AssertionResult DevNode::wait_for_height(uint64_t h, std::chrono::milliseconds timeout) {
    std::optional<uint64_t> last;
    if (poll_until(
            [&] {
                last = height();
                return last && *last >= h;
            },
            timeout)) {
        return ::testing::AssertionSuccess();
    }
    return ::testing::AssertionFailure()
           << "height did not reach " << h << " within " << timeout.count() << " ms (last "
           << (last ? std::to_string(*last) : "no answer") << ")\nstderr:\n"
           << tail(stderr_text());
}

}  // namespace azora::test
