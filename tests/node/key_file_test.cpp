#include "node/key_file.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>

#include "core/bytes.hpp"
#include "node/new_file.hpp"
#include "node/node.hpp"
#include "tests/node/node_test_util.hpp"

namespace azora::node {
namespace {

using test::TempDir;

std::string read_all(const std::filesystem::path& p) {
    std::ifstream in(p);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

mode_t mode_of(const std::filesystem::path& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0);
    return st.st_mode & 0777;
}

size_t entries_in(const std::filesystem::path& dir) {
    return static_cast<size_t>(std::distance(std::filesystem::directory_iterator(dir), {}));
}

TEST(KeyFile, WritesHexLineWithMode0600AndLoadsBack) {
    TempDir dir;
    const auto path = dir.path() / "validator_key";
    const PrivateKey key = PrivateKey::generate();
    ASSERT_TRUE(write_key_file(path, key).ok());
    EXPECT_EQ(read_all(path), to_hex(key.secret()) + "\n");
    EXPECT_EQ(mode_of(path), 0600u);
    auto loaded = load_key_file(path);
    ASSERT_TRUE(loaded.ok());
    EXPECT_EQ(loaded->public_key(), key.public_key());
    EXPECT_EQ(entries_in(dir.path()), 1u);  // no temporary file left behind
}

TEST(KeyFile, RefusesToOverwrite) {
    TempDir dir;
    const auto path = dir.path() / "node_key";
    const PrivateKey first = PrivateKey::generate();
    ASSERT_TRUE(write_key_file(path, first).ok());
    auto again = write_key_file(path, PrivateKey::generate());
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().reason, "key_file_exists");
    EXPECT_EQ(read_all(path), to_hex(first.secret()) + "\n");
    EXPECT_EQ(entries_in(dir.path()), 1u);
}

TEST(KeyFile, RefusesADanglingSymlink) {
    TempDir dir;
    const auto path = dir.path() / "node_key";
    std::filesystem::create_symlink(dir.path() / "elsewhere", path);
    auto r = write_key_file(path, PrivateKey::generate());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "key_file_exists");
    EXPECT_FALSE(std::filesystem::exists(dir.path() / "elsewhere"));
}

TEST(KeyFile, MissingDirectoryIsAnIoError) {
    TempDir dir;
    auto r = write_key_file(dir.path() / "no" / "such" / "node_key", PrivateKey::generate());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "file_io");
}

TEST(KeyFile, LoadOrCreateCreatesOnceThenLoads) {
    TempDir dir;
    const auto path = dir.path() / "node_key";
    auto created = load_or_create_key_file(path);
    ASSERT_TRUE(created.ok()) << created.error().to_string();
    EXPECT_EQ(mode_of(path), 0600u);
    auto loaded = load_or_create_key_file(path);
    ASSERT_TRUE(loaded.ok());
    EXPECT_EQ(loaded->public_key(), created->public_key());
    // Two fresh files get different keys: the key is random, not derived from the path.
    auto other = load_or_create_key_file(dir.path() / "other_key");
    ASSERT_TRUE(other.ok());
    EXPECT_NE(other->public_key(), created->public_key());
}

TEST(KeyFile, LoadOrCreateNeverReplacesABadFile) {
    TempDir dir;
    const auto path = dir.path() / "node_key";
    std::ofstream(path) << "not a key\n";
    auto r = load_or_create_key_file(path);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "bad_key_file");
    EXPECT_EQ(read_all(path), "not a key\n");
}

TEST(NewFile, WritesContentsWithTheGivenMode) {
    TempDir dir;
    const auto path = dir.path() / "genesis.json";
    ASSERT_TRUE(write_new_file(path, "{}\n", 0644).ok());
    EXPECT_EQ(read_all(path), "{}\n");
    EXPECT_EQ(mode_of(path), 0644u);
    auto again = write_new_file(path, "[]\n");
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().reason, "file_exists");
    EXPECT_EQ(read_all(path), "{}\n");
}

}  // namespace
}  // namespace azora::node
