#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

/// Child processes for integration tests: spawn a real binary with its output in files, wait
/// for it with a deadline, stop it, and always reap it.
namespace azora::test {

/// How a child ended: an exit code, or the signal that killed it.
struct ExitStatus {
    bool exited = false;  ///< true: ended with exit(code); false: killed by `signal`
    int code = 0;
    int signal = 0;

    bool success() const { return exited && code == 0; }
    /// "exit code 1" or "killed by signal 9", for assertion messages.
    std::string to_string() const;
};

/// One spawned child. stdout and stderr go to files (so nothing blocks on a full pipe and the
/// output survives for failure messages). The destructor SIGKILLs a child still running and
/// reaps it, so a failing test never leaves a process behind. Not thread-safe.
class Process {
public:
    /// Starts `program` with `args` (argv[1..]) via posix_spawn; stdin is /dev/null. Throws
    /// std::runtime_error when the spawn itself fails.
    Process(const std::filesystem::path& program,
            const std::vector<std::string>& args,
            const std::filesystem::path& stdout_file,
            const std::filesystem::path& stderr_file);
    ~Process();
    Process(const Process&) = delete;
    Process& operator=(const Process&) = delete;

    pid_t pid() const { return m_pid; }

    /// Non-blocking: the exit status if the child has ended (reaping it), else nullopt.
    std::optional<ExitStatus> poll();
    /// Waits up to `timeout` for the child to end; nullopt if it is still running.
    std::optional<ExitStatus> wait_for(std::chrono::milliseconds timeout);
    /// Sends `sig` unless the child has already been reaped.
    void signal(int sig);
    /// SIGTERM, wait up to `grace`, then SIGKILL and reap. Returns how it ended.
    ExitStatus stop(std::chrono::milliseconds grace);
    /// SIGKILL and reap.
    ExitStatus kill();

    const std::filesystem::path& stdout_file() const { return m_stdout; }
    const std::filesystem::path& stderr_file() const { return m_stderr; }

private:
    pid_t m_pid = -1;
    std::optional<ExitStatus> m_status;
    std::filesystem::path m_stdout;
    std::filesystem::path m_stderr;
};

/// What a program printed and how it ended.
struct RunResult {
    ExitStatus status;
    std::string out;
    std::string err;
    bool timed_out = false;
};

/// Runs `program` to completion (killing it after `timeout`), with output in files under
/// `work_dir` named after `label`.
RunResult run_program(const std::filesystem::path& program,
                      const std::vector<std::string>& args,
                      const std::filesystem::path& work_dir,
                      const std::string& label,
                      std::chrono::milliseconds timeout);

/// The whole file as a string; empty if it cannot be read.
std::string read_text_file(const std::filesystem::path& path);

/// A fresh directory from mkdtemp under $TMPDIR (or /tmp), removed with its contents by the
/// destructor.
class TempDir {
public:
    explicit TempDir(const std::string& prefix = "azora-it");
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return m_path; }

private:
    std::filesystem::path m_path;
};

}  // namespace azora::test
