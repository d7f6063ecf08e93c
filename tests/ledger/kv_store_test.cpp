#include "ledger/kv_store.hpp"

#include <gtest/gtest.h>

#include <filesystem>

namespace azora::ledger {
namespace {

void exercise(KvStore& store) {
    KvBatch b;
    b.put("a/1", as_bytes("one"));
    b.put("a/2", as_bytes("two"));
    b.put("b/1", as_bytes("other"));
    b.del("a/3");
    ASSERT_TRUE(store.write(b, true).ok());
    auto got = store.get("a/2");
    ASSERT_TRUE(got.ok());
    ASSERT_TRUE(got->has_value());
    EXPECT_EQ(as_string_view(**got), "two");
    EXPECT_FALSE(store.get("a/3")->has_value());

    std::vector<std::string> seen;
    ASSERT_TRUE(store
                    .scan("a/", "",
                          [&](std::string_view k, ByteView) {
                              seen.emplace_back(k);
                              return true;
                          })
                    .ok());
    EXPECT_EQ(seen, (std::vector<std::string>{"a/1", "a/2"}));
    seen.clear();
    ASSERT_TRUE(store
                    .scan("a/", "a/2",
                          [&](std::string_view k, ByteView) {
                              seen.emplace_back(k);
                              return true;
                          })
                    .ok());
    EXPECT_EQ(seen, (std::vector<std::string>{"a/2"}));

    KvBatch d;
    d.del("a/1");
    ASSERT_TRUE(store.write(d, false).ok());
    EXPECT_FALSE(store.get("a/1")->has_value());
}

TEST(KvStore, MemoryStoreBehaves) {
    auto store = make_memory_store();
    exercise(*store);
}

TEST(KvStore, LevelDbStoreBehavesAndRefusesMissingDir) {
    auto dir = std::filesystem::temp_directory_path() / ("azora-kv-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    EXPECT_FALSE(open_leveldb(dir.string(), {}).ok());
    LevelDbOptions o;
    o.create_if_missing = true;
    auto store = open_leveldb(dir.string(), o);
    ASSERT_TRUE(store.ok()) << store.error().to_string();
    exercise(**store);
    store = Error::internal("closed");
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace azora::ledger
