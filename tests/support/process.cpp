#include "tests/support/process.hpp"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace azora::test {
namespace {

ExitStatus decode_status(int raw) {
    ExitStatus s;
    if (WIFEXITED(raw)) {
        s.exited = true;
        s.code = WEXITSTATUS(raw);
    } else if (WIFSIGNALED(raw)) {
        s.signal = WTERMSIG(raw);
    }
    return s;
}

// Between fork and exec only async-signal-safe calls are allowed: open, dup2, close, prctl,
// write and execve are.
[[noreturn]] void exec_child(const char* program,
                             char* const* argv,
                             const char* out,
                             const char* err,
                             int report_fd,
                             pid_t parent) {
    // The child must not outlive a test binary that is killed (a ctest timeout, a crash).
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) {
        ::_exit(127);
    }
    const int in_fd = ::open("/dev/null", O_RDONLY);
    const int out_fd = ::open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err_fd = ::open(err, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (in_fd < 0 || out_fd < 0 || err_fd < 0 || ::dup2(in_fd, 0) < 0 || ::dup2(out_fd, 1) < 0 ||
        ::dup2(err_fd, 2) < 0) {
        const int e = errno;
        [[maybe_unused]] auto n = ::write(report_fd, &e, sizeof e);
        ::_exit(127);
    }
    // Sockets and files of the test (RPC connections, other children's logs) stay behind.
    bool closed = report_fd <= 3 ||
                  ::syscall(SYS_close_range, 3U, static_cast<unsigned>(report_fd - 1), 0U) == 0;
    closed =
        closed && ::syscall(SYS_close_range, static_cast<unsigned>(report_fd + 1), ~0U, 0U) == 0;
    if (!closed) {
        const long max_fd = ::sysconf(_SC_OPEN_MAX);
        for (int fd = 3; fd < (max_fd > 0 ? max_fd : 1024); ++fd) {
            if (fd != report_fd) {
                ::close(fd);
            }
        }
    }
    ::execve(program, argv, environ);
    const int e = errno;
    [[maybe_unused]] auto n = ::write(report_fd, &e, sizeof e);
    ::_exit(127);
}

}  // namespace

std::string ExitStatus::to_string() const {
    return exited ? "exit code " + std::to_string(code)
                  : "killed by signal " + std::to_string(signal);
}

Process::Process(const std::filesystem::path& program,
                 const std::vector<std::string>& args,
                 const std::filesystem::path& stdout_file,
                 const std::filesystem::path& stderr_file)
    : m_stdout(stdout_file), m_stderr(stderr_file) {
    // Everything the child needs is prepared before fork: it may not allocate afterwards.
    const std::string program_str = program.string();
    const std::string out = stdout_file.string();
    const std::string err = stderr_file.string();
    std::vector<std::string> storage;
    storage.push_back(program_str);
    storage.insert(storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& s : storage) {
        argv.push_back(s.data());
    }
    argv.push_back(nullptr);

    int report[2];
    if (::pipe2(report, O_CLOEXEC) != 0) {
        throw std::runtime_error(std::string("pipe2: ") + std::strerror(errno));
    }
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        const int e = errno;
        ::close(report[0]);
        ::close(report[1]);
        throw std::runtime_error(std::string("fork: ") + std::strerror(e));
    }
    if (pid == 0) {
        ::close(report[0]);
        exec_child(program_str.c_str(), argv.data(), out.c_str(), err.c_str(), report[1], parent);
    }
    ::close(report[1]);
    m_pid = pid;
    // The pipe closes on a successful exec (CLOEXEC); otherwise it carries the errno.
    int child_errno = 0;
    ssize_t n;
    do {
        n = ::read(report[0], &child_errno, sizeof child_errno);
    } while (n < 0 && errno == EINTR);
    ::close(report[0]);
    if (n == sizeof child_errno) {
        kill();
        throw std::runtime_error("cannot start " + program_str + ": " + std::strerror(child_errno));
    }
}

Process::~Process() {
    if (!m_status) {
        kill();
    }
}

std::optional<ExitStatus> Process::poll() {
    if (m_status) {
        return m_status;
    }
    int raw = 0;
    pid_t r;
    do {
        r = ::waitpid(m_pid, &raw, WNOHANG);
    } while (r < 0 && errno == EINTR);
    if (r == m_pid) {
        m_status = decode_status(raw);
    } else if (r < 0) {
        // Not our child any more (cannot happen unless someone else reaped it): treat as gone.
        m_status = ExitStatus{};
    }
    return m_status;
}

std::optional<ExitStatus> Process::wait_for(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    for (;;) {
        if (auto s = poll()) {
            return s;
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            return std::nullopt;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
}

void Process::signal(int sig) {
    if (!m_status) {
        ::kill(m_pid, sig);
    }
}

ExitStatus Process::stop(std::chrono::milliseconds grace) {
    signal(SIGTERM);
    if (auto s = wait_for(grace)) {
        return *s;
    }
    return kill();
}

ExitStatus Process::kill() {
    if (m_status) {
        return *m_status;
    }
    ::kill(m_pid, SIGKILL);
    int raw = 0;
    pid_t r;
    do {
        r = ::waitpid(m_pid, &raw, 0);
    } while (r < 0 && errno == EINTR);
    m_status = r == m_pid ? decode_status(raw) : ExitStatus{};
    return *m_status;
}

RunResult run_program(const std::filesystem::path& program,
                      const std::vector<std::string>& args,
                      const std::filesystem::path& work_dir,
                      const std::string& label,
                      std::chrono::milliseconds timeout) {
    const auto out_file = work_dir / (label + ".out");
    const auto err_file = work_dir / (label + ".err");
    RunResult result;
    {
        Process p(program, args, out_file, err_file);
        if (auto s = p.wait_for(timeout)) {
            result.status = *s;
        } else {
            result.timed_out = true;
            result.status = p.kill();
        }
    }
    result.out = read_text_file(out_file);
    result.err = read_text_file(err_file);
    return result;
}

std::string read_text_file(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

TempDir::TempDir(const std::string& prefix) {
    const char* base = std::getenv("TMPDIR");
    std::string pattern = (std::filesystem::path(base != nullptr && *base != '\0' ? base : "/tmp") /
                           (prefix + "-XXXXXX"))
                              .string();
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp " + pattern + ": " + std::strerror(errno));
    }
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

}  // namespace azora::test
