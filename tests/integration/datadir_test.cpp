// A damaged data dir: azorad refuses to start with a message naming the problem, and never
// replaces the chain with a fresh one. Also the RPC cookie it writes there.
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>
#include <random>

#include "genesis/dev.hpp"
#include "tests/integration/helpers.hpp"

namespace azora::test {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::chrono::milliseconds kRefuseTimeout{15'000};

std::string lower(std::string s) {
    std::transform(s.begin(), s.end(), s.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return s;
}

/// What a chain looked like when it was stopped.
struct Snapshot {
    uint64_t height = 0;
    std::string tx_hash;
    uint64_t tx_height = 0;
};

// Starts a node, commits a transfer and some empty blocks, and stops it cleanly. With
// `flush_to_table`, starts and stops it once more: LevelDB turns the previous log into a
// table (*.ldb) when it reopens, so the data dir then has one.
void make_stopped_chain(DevNode& node, bool flush_to_table, Snapshot* snap) {
    ASSERT_TRUE(node.start());
    const auto dev = genesis::dev_accounts();
    ASSERT_OK_ASSIGN(
        std::string hash,
        submit(node.rpc(),
               make_transfer(dev[0].key, 0, Address::from_pubkey(dev[1].key.public_key()), 42)));
    ASSERT_OK_ASSIGN(json committed, wait_committed(node.rpc(), hash));
    snap->tx_hash = hash;
    snap->tx_height = committed.at("height").get<uint64_t>();
    ASSERT_TRUE(node.wait_for_height(snap->tx_height + 3));
    ASSERT_TRUE(node.stop());
    if (flush_to_table) {
        ASSERT_TRUE(node.start());
        ASSERT_TRUE(node.stop());
    }
    // The height at the last stop: read from a fresh run later, so record the minimum here.
    snap->height = snap->tx_height + 3;
}

std::vector<fs::path> files_with_extension(const fs::path& dir, const std::string& ext) {
    std::vector<fs::path> out;
    for (const auto& e : fs::directory_iterator(dir)) {
        if (e.is_regular_file() && e.path().extension() == ext) {
            out.push_back(e.path());
        }
    }
    // LevelDB file numbers grow: the newest sorts last.
    std::sort(out.begin(), out.end());
    return out;
}

fs::path manifest_of(const fs::path& chain_dir) {
    // CURRENT names the live MANIFEST.
    std::string name;
    std::ifstream(chain_dir / "CURRENT") >> name;
    return chain_dir / name;
}

void overwrite_with_garbage(const fs::path& file) {
    const auto size = fs::file_size(file);
    std::mt19937 rng(12345);
    std::string garbage(size, '\0');
    for (auto& c : garbage) {
        c = static_cast<char>(rng());
    }
    std::ofstream(file, std::ios::binary | std::ios::in | std::ios::out) << garbage;
}

// azorad must exit by itself, non-zero, before printing a banner, with `expected` (any of
// them, case-insensitive) in its stderr.
void expect_refuses(DevNode& node, const std::vector<std::string>& expected) {
    const RunResult r = node.run_expecting_exit(kRefuseTimeout);
    ASSERT_FALSE(r.timed_out) << "azorad started on a damaged data dir\nstdout:\n"
                              << r.out << "\nstderr:\n"
                              << r.err;
    EXPECT_TRUE(r.status.exited) << r.status.to_string() << "\nstderr:\n" << r.err;
    EXPECT_NE(r.status.code, 0) << r.err;
    EXPECT_EQ(r.out.find("RPC:"), std::string::npos) << r.out;
    const std::string err = lower(r.err);
    EXPECT_TRUE(
        std::any_of(expected.begin(), expected.end(),
                    [&](const std::string& e) { return err.find(lower(e)) != std::string::npos; }))
        << "stderr does not mention any of the expected words:\n"
        << r.err;
    EXPECT_NE(err.find("cannot start"), std::string::npos) << r.err;
}

// After the damage is repaired the original chain is there: nothing was reinitialised.
void expect_chain_intact(DevNode& node, const Snapshot& snap) {
    ASSERT_TRUE(node.start());
    ASSERT_OK_ASSIGN(json info, node.rpc().call("node_info"));
    EXPECT_GE(info.at("height").get<uint64_t>(), snap.height);
    ASSERT_OK_ASSIGN(json got, node.rpc().call("tx_get", json::array({snap.tx_hash})));
    EXPECT_EQ(got.at("status"), "committed");
    EXPECT_EQ(got.at("height").get<uint64_t>(), snap.tx_height);
    EXPECT_TRUE(node.stop());
}

TEST(DamagedDataDir, MissingCurrentFileIsRefused) {
    DevNode node(dev_node_options());
    Snapshot snap;
    make_stopped_chain(node, false, &snap);
    ASSERT_FALSE(HasFatalFailure());
    const fs::path current = node.datadir() / "chain" / "CURRENT";
    const std::string saved = read_text_file(current);
    ASSERT_FALSE(saved.empty());
    fs::remove(current);

    expect_refuses(node, {"CURRENT"});
    // Refused again, and no new chain was created in its place.
    expect_refuses(node, {"CURRENT"});
    EXPECT_FALSE(fs::exists(current));

    std::ofstream(current) << saved;
    expect_chain_intact(node, snap);
}

TEST(DamagedDataDir, EmptyChainDirectoryIsRefused) {
    DevNode node(dev_node_options());
    Snapshot snap;
    make_stopped_chain(node, false, &snap);
    ASSERT_FALSE(HasFatalFailure());
    const fs::path chain = node.datadir() / "chain";
    for (const auto& e : fs::directory_iterator(chain)) {
        fs::remove_all(e.path());
    }
    ASSERT_TRUE(fs::is_empty(chain));

    expect_refuses(node, {"empty", "CURRENT"});
    expect_refuses(node, {"empty", "CURRENT"});
    EXPECT_FALSE(fs::exists(chain / "CURRENT"));
}

TEST(DamagedDataDir, GarbageInNewestTableIsRefused) {
    DevNode node(dev_node_options());
    Snapshot snap;
    make_stopped_chain(node, true, &snap);
    ASSERT_FALSE(HasFatalFailure());
    const auto tables = files_with_extension(node.datadir() / "chain", ".ldb");
    ASSERT_FALSE(tables.empty()) << "no *.ldb after a restart";
    const fs::path newest = tables.back();
    const std::string saved = read_text_file(newest);
    overwrite_with_garbage(newest);

    expect_refuses(node, {"corrupt", newest.filename().string()});

    std::ofstream(newest, std::ios::binary | std::ios::trunc) << saved;
    expect_chain_intact(node, snap);
}

TEST(DamagedDataDir, TruncatedNewestTableIsRefused) {
    DevNode node(dev_node_options());
    Snapshot snap;
    make_stopped_chain(node, true, &snap);
    ASSERT_FALSE(HasFatalFailure());
    const auto tables = files_with_extension(node.datadir() / "chain", ".ldb");
    ASSERT_FALSE(tables.empty()) << "no *.ldb after a restart";
    const fs::path newest = tables.back();
    const std::string saved = read_text_file(newest);
    fs::resize_file(newest, saved.size() / 2);

    expect_refuses(node, {"corrupt", "truncat", newest.filename().string()});

    std::ofstream(newest, std::ios::binary | std::ios::trunc) << saved;
    expect_chain_intact(node, snap);
}

TEST(DamagedDataDir, GarbageManifestIsRefused) {
    DevNode node(dev_node_options());
    Snapshot snap;
    make_stopped_chain(node, true, &snap);
    ASSERT_FALSE(HasFatalFailure());
    const fs::path manifest = manifest_of(node.datadir() / "chain");
    ASSERT_TRUE(fs::exists(manifest)) << manifest;
    const std::string saved = read_text_file(manifest);
    overwrite_with_garbage(manifest);

    expect_refuses(node, {"corrupt", "MANIFEST"});

    std::ofstream(manifest, std::ios::binary | std::ios::trunc) << saved;
    expect_chain_intact(node, snap);
}

TEST(DamagedDataDir, TruncatedManifestIsRefused) {
    DevNode node(dev_node_options());
    Snapshot snap;
    make_stopped_chain(node, true, &snap);
    ASSERT_FALSE(HasFatalFailure());
    const fs::path manifest = manifest_of(node.datadir() / "chain");
    ASSERT_TRUE(fs::exists(manifest)) << manifest;
    const std::string saved = read_text_file(manifest);
    fs::resize_file(manifest, 0);

    expect_refuses(node, {"corrupt", "MANIFEST"});

    std::ofstream(manifest, std::ios::binary | std::ios::trunc) << saved;
    expect_chain_intact(node, snap);
}

TEST(DamagedDataDir, SecondNodeOnTheSameDataDirIsRefused) {
    DevNode node(dev_node_options());
    ASSERT_TRUE(node.start());
    const std::string cookie = read_text_file(node.datadir() / "rpc.cookie");
    expect_refuses(node, {"lock"});
    // The running node is untouched: still serving, its admin token still valid.
    ASSERT_OK_ASSIGN(json info, node.rpc().call("node_info"));
    ASSERT_TRUE(node.wait_for_height(info.at("height").get<uint64_t>() + 1));
    EXPECT_EQ(read_text_file(node.datadir() / "rpc.cookie"), cookie);
    EXPECT_TRUE(node.stop());
}

TEST(AdminCookie, WrittenWithMode0600) {
    DevNode node(dev_node_options());
    ASSERT_TRUE(node.start());
    const fs::path cookie = node.datadir() / "rpc.cookie";
    struct stat st {};
    ASSERT_EQ(::lstat(cookie.c_str(), &st), 0) << cookie;
    EXPECT_TRUE(S_ISREG(st.st_mode));
    EXPECT_EQ(st.st_mode & 07777, 0600u) << std::oct << (st.st_mode & 07777);
    EXPECT_EQ(st.st_uid, ::getuid());
    const std::string token = read_text_file(cookie);
    EXPECT_EQ(token.size(), 65u) << token;
    EXPECT_TRUE(std::all_of(token.begin(), token.begin() + std::min<size_t>(64, token.size()),
                            [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); }))
        << token;
    // The data dir holding it is private too.
    ASSERT_EQ(::stat(node.datadir().c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 077, 0u) << std::oct << (st.st_mode & 07777);
    ASSERT_TRUE(node.stop());

    // A restart writes a fresh token and puts the mode back even if someone loosened it.
    fs::permissions(cookie, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                                fs::perms::others_read);
    ASSERT_TRUE(node.start());
    ASSERT_EQ(::lstat(cookie.c_str(), &st), 0) << cookie;
    EXPECT_EQ(st.st_mode & 07777, 0600u) << std::oct << (st.st_mode & 07777);
    const std::string second = read_text_file(cookie);
    EXPECT_EQ(second.size(), 65u);
    EXPECT_NE(second, token);
    EXPECT_TRUE(node.stop());
}

}  // namespace
}  // namespace azora::test
