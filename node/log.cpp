#include "node/log.hpp"

#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace azora::node {
namespace {
std::mutex g_log_mutex;  // serialises whole lines from different threads

void write(const char* level, const std::string& message) {
    const auto now = std::chrono::system_clock::now();
    const std::time_t secs = std::chrono::system_clock::to_time_t(now);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()) % 1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char stamp[32];
    std::strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%S", &tm);
    std::lock_guard lock(g_log_mutex);
    std::fprintf(stderr, "%s.%03dZ %s %s\n", stamp, static_cast<int>(ms.count()), level,
                 message.c_str());
}
}  // namespace

void log_info(const std::string& message) {
    write("INFO", message);
}
void log_warn(const std::string& message) {
    write("WARN", message);
}
void log_error(const std::string& message) {
    write("ERROR", message);
}

}  // namespace azora::node
