#include "wallet-cli/keystore.hpp"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

namespace azora::wallet {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kPassword = "correct horse battery staple";
constexpr const char* kAddress = "tazr1qqqsyqcyq5rqwzqfpg9scrgwpugpzysnzs23v";

Hash32 test_secret(uint8_t seed = 1) {
    Hash32 s{};
    for (size_t i = 0; i < s.size(); ++i) {
        s[i] = static_cast<uint8_t>(seed + i);
    }
    return s;
}

// scrypt at N = 2^10 costs ~3 ms instead of ~100 ms; production N is covered by its own test.
KeystoreOptions fast_options() {
    KeystoreOptions o;
    o.scrypt.n = 1 << 10;
    o.min_scrypt_n = 1 << 10;
    return o;
}

mode_t mode_of(const fs::path& p) {
    struct stat st {};
    EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
    return st.st_mode & 07777;
}

std::string read_text(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_text(const fs::path& p, const std::string& text) {
    std::ofstream out(p, std::ios::binary | std::ios::trunc);
    out << text;
    ASSERT_TRUE(out.good()) << p;
}

/// Sets the umask for one scope; the process-wide value is put back even if the test fails.
class ScopedUmask {
public:
    explicit ScopedUmask(mode_t mask) : m_old(::umask(mask)) {}
    ~ScopedUmask() { ::umask(m_old); }

private:
    mode_t m_old;
};

class KeystoreTest : public ::testing::Test {
protected:
    void SetUp() override {
        std::string tmpl = (fs::temp_directory_path() / "azora-keystore-XXXXXX").string();
        ASSERT_NE(::mkdtemp(tmpl.data()), nullptr);
        m_root = tmpl;
    }
    // Runs even when an assertion ends the test early, so no temp directory is left behind.
    void TearDown() override {
        std::error_code ec;
        fs::remove_all(m_root, ec);
    }

    Keystore open_fast() {
        auto ks = Keystore::open(m_root / "keys", fast_options());
        EXPECT_TRUE(ks.ok()) << ks.error().to_string();
        return std::move(ks).value();
    }

    fs::path key_path(const std::string& name) const { return m_root / "keys" / (name + ".json"); }

    /// Adds "alice", applies `edit` to her file's JSON and returns the result of unlocking.
    Result<Hash32> unlock_after_edit(const std::function<void(json&)>& edit) {
        Keystore ks = open_fast();
        EXPECT_TRUE(ks.add("alice", test_secret(), kAddress, kPassword).ok());
        json doc = json::parse(read_text(key_path("alice")));
        edit(doc);
        write_text(key_path("alice"), doc.dump());
        return ks.unlock("alice", kPassword);
    }

    fs::path m_root;
};

TEST_F(KeystoreTest, RoundTripWithProductionParameters) {
    auto ks = Keystore::open(m_root / "keys");
    ASSERT_TRUE(ks.ok()) << ks.error().to_string();
    ASSERT_TRUE(ks->add("alice", test_secret(), kAddress, kPassword).ok());
    auto secret = ks->unlock("alice", kPassword);
    ASSERT_TRUE(secret.ok()) << secret.error().to_string();
    EXPECT_EQ(*secret, test_secret());

    const std::string text = read_text(key_path("alice"));
    EXPECT_EQ(text.find(to_hex(test_secret())), std::string::npos);
    EXPECT_EQ(text.find(kPassword), std::string::npos);
    const json doc = json::parse(text);
    EXPECT_EQ(doc["version"], 1);
    EXPECT_EQ(doc["name"], "alice");
    EXPECT_EQ(doc["address"], kAddress);
    EXPECT_EQ(doc["kdf"]["name"], "scrypt");
    EXPECT_EQ(doc["kdf"]["n"], 32768);
    EXPECT_EQ(doc["kdf"]["r"], 8);
    EXPECT_EQ(doc["kdf"]["p"], 1);
    EXPECT_EQ(doc["kdf"]["salt"].get<std::string>().size(), 32u);
    EXPECT_EQ(doc["cipher"]["name"], "aes-256-gcm");
    EXPECT_EQ(doc["cipher"]["nonce"].get<std::string>().size(), 24u);
    EXPECT_EQ(doc["cipher"]["ciphertext"].get<std::string>().size(), 64u);
    EXPECT_EQ(doc["cipher"]["tag"].get<std::string>().size(), 32u);
}

TEST_F(KeystoreTest, SameSecretTwiceGetsFreshSaltAndNonce) {
    Keystore ks = open_fast();
    ASSERT_TRUE(ks.add("a", test_secret(), kAddress, kPassword).ok());
    ASSERT_TRUE(ks.add("b", test_secret(), kAddress, kPassword).ok());
    const json a = json::parse(read_text(key_path("a")));
    const json b = json::parse(read_text(key_path("b")));
    EXPECT_NE(a["kdf"]["salt"], b["kdf"]["salt"]);
    EXPECT_NE(a["cipher"]["nonce"], b["cipher"]["nonce"]);
    EXPECT_NE(a["cipher"]["ciphertext"], b["cipher"]["ciphertext"]);
}

TEST_F(KeystoreTest, WrongPasswordIsBadPassword) {
    Keystore ks = open_fast();
    ASSERT_TRUE(ks.add("alice", test_secret(), kAddress, kPassword).ok());
    auto r = ks.unlock("alice", "hunter2");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "bad_password");
    EXPECT_EQ(r.error().message.find("hunter2"), std::string::npos);
    EXPECT_EQ(ks.unlock("alice", "").error().reason, "bad_password");
}

TEST_F(KeystoreTest, TamperedFileIsBadPassword) {
    // Flips the last hex digit of a field, keeping it well-formed.
    auto flip = [](json& field) {
        std::string s = field.get<std::string>();
        s.back() = s.back() == '0' ? '1' : '0';
        field = s;
    };
    const std::vector<std::pair<std::string, std::function<void(json&)>>> edits = {
        {"ciphertext", [&](json& d) { flip(d["cipher"]["ciphertext"]); }},
        {"tag", [&](json& d) { flip(d["cipher"]["tag"]); }},
        {"nonce", [&](json& d) { flip(d["cipher"]["nonce"]); }},
        {"salt", [&](json& d) { flip(d["kdf"]["salt"]); }},
        {"address", [](json& d) { d["address"] = "tazr1attackercontrolledaddress"; }},
        {"n", [](json& d) { d["kdf"]["n"] = 1 << 11; }},
    };
    for (const auto& [what, edit] : edits) {
        SCOPED_TRACE(what);
        auto r = unlock_after_edit(edit);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().reason, "bad_password");
        fs::remove_all(m_root / "keys");
    }
}

TEST_F(KeystoreTest, CiphertextMovedToAnotherNameIsRefused) {
    Keystore ks = open_fast();
    ASSERT_TRUE(ks.add("alice", test_secret(), kAddress, kPassword).ok());
    json doc = json::parse(read_text(key_path("alice")));
    doc["name"] = "mallory";
    write_text(key_path("mallory"), doc.dump());
    // The name is authenticated data, so the copy cannot be decrypted under its new name.
    auto r = ks.unlock("mallory", kPassword);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "bad_password");
    // A file renamed without editing its name field is reported as such, not as a bad password.
    fs::rename(key_path("alice"), key_path("bob"));
    r = ks.unlock("bob", kPassword);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "bad_keystore");
}

TEST_F(KeystoreTest, MalformedFilesAreBadKeystoreNamingTheFile) {
    const std::vector<std::pair<std::string, std::function<void(json&)>>> edits = {
        {"missing field", [](json& d) { d["cipher"].erase("tag"); }},
        {"unknown field", [](json& d) { d["extra"] = 1; }},
        {"version", [](json& d) { d["version"] = 2; }},
        {"kdf name", [](json& d) { d["kdf"]["name"] = "pbkdf2"; }},
        {"cipher name", [](json& d) { d["cipher"]["name"] = "aes-128-gcm"; }},
        {"short tag", [](json& d) { d["cipher"]["tag"] = "00"; }},
        {"bad hex", [](json& d) { d["kdf"]["salt"] = std::string(32, 'z'); }},
        {"n not a number", [](json& d) { d["kdf"]["n"] = "1024"; }},
        {"negative p", [](json& d) { d["kdf"]["p"] = -1; }},
        {"n not a power of two", [](json& d) { d["kdf"]["n"] = 1000; }},
        {"n below minimum", [](json& d) { d["kdf"]["n"] = 1 << 9; }},
        {"n absurd", [](json& d) { d["kdf"]["n"] = uint64_t{1} << 40; }},
        {"r too small", [](json& d) { d["kdf"]["r"] = 1; }},
        {"r wraps to 8", [](json& d) { d["kdf"]["r"] = (uint64_t{1} << 32) + 8; }},
        {"p zero", [](json& d) { d["kdf"]["p"] = 0; }},
        {"memory over 1 GiB", [](json& d) { d["kdf"]["n"] = 1 << 20, d["kdf"]["r"] = 16; }},
        {"not an object",
         [](json& d) {
             d = json::array({1, 2});
         }},
        {"bad address", [](json& d) { d["address"] = "has space"; }},
    };
    for (const auto& [what, edit] : edits) {
        SCOPED_TRACE(what);
        auto r = unlock_after_edit(edit);
        ASSERT_FALSE(r.ok());
        EXPECT_EQ(r.error().reason, "bad_keystore");
        EXPECT_NE(r.error().message.find(key_path("alice").string()), std::string::npos)
            << r.error().message;
        EXPECT_EQ(r.error().message.find(kPassword), std::string::npos);
        fs::remove_all(m_root / "keys");
    }
}

TEST_F(KeystoreTest, ProductionKeystoreRefusesWeakFileParameters) {
    Keystore fast = open_fast();
    ASSERT_TRUE(fast.add("alice", test_secret(), kAddress, kPassword).ok());
    auto strict = Keystore::open(m_root / "keys");
    ASSERT_TRUE(strict.ok());
    auto r = strict->unlock("alice", kPassword);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "bad_keystore");
}

TEST_F(KeystoreTest, FileIs0600AndCreatedDirIs0700WhateverTheUmask) {
    // This umask would leave 0500 and 0400; the keystore must set the modes exactly.
    ScopedUmask umask(0277);
    auto ks = Keystore::open(m_root / "a" / "b" / "keys", fast_options());
    ASSERT_TRUE(ks.ok()) << ks.error().to_string();
    EXPECT_EQ(mode_of(m_root / "a" / "b" / "keys"), 0700u);
    ASSERT_TRUE(ks->add("alice", test_secret(), kAddress, kPassword).ok());
    EXPECT_EQ(mode_of(m_root / "a" / "b" / "keys" / "alice.json"), 0600u);
}

TEST_F(KeystoreTest, OpenAcceptsExistingDirAndTrailingSlash) {
    ASSERT_TRUE(open_fast().add("alice", test_secret(), kAddress, kPassword).ok());
    auto again = Keystore::open((m_root / "keys").string() + "/", fast_options());
    ASSERT_TRUE(again.ok()) << again.error().to_string();
    EXPECT_TRUE(again->contains("alice"));
}

TEST_F(KeystoreTest, OpenRefusesFileAndWeakOptions) {
    write_text(m_root / "file", "x");
    auto r = Keystore::open(m_root / "file", fast_options());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "io_error");

    KeystoreOptions weak;
    weak.scrypt.n = 1 << 14;
    r = Keystore::open(m_root / "keys", weak);
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "bad_scrypt_params");
}

TEST_F(KeystoreTest, DuplicateNameIsRefusedAndOriginalKept) {
    Keystore ks = open_fast();
    ASSERT_TRUE(ks.add("alice", test_secret(1), kAddress, kPassword).ok());
    auto r = ks.add("alice", test_secret(2), kAddress, "other password");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "key_exists");
    auto secret = ks.unlock("alice", kPassword);
    ASSERT_TRUE(secret.ok());
    EXPECT_EQ(*secret, test_secret(1));
}

TEST_F(KeystoreTest, ConcurrentAddsOfOneNameHaveOneWinner) {
    Keystore ks = open_fast();
    constexpr int kThreads = 4;
    std::vector<Result<void>> results(kThreads, Error::internal("not run"));
    std::vector<std::thread> threads;
    for (int i = 0; i < kThreads; ++i) {
        threads.emplace_back([&, i] {
            results[i] = ks.add("race", test_secret(static_cast<uint8_t>(i)), kAddress, kPassword);
        });
    }
    for (auto& t : threads) {
        t.join();
    }
    int winner = -1;
    for (int i = 0; i < kThreads; ++i) {
        if (results[i].ok()) {
            EXPECT_EQ(winner, -1) << "two adds of one name succeeded";
            winner = i;
        } else {
            EXPECT_EQ(results[i].error().reason, "key_exists");
        }
    }
    ASSERT_NE(winner, -1);
    auto secret = ks.unlock("race", kPassword);
    ASSERT_TRUE(secret.ok());
    EXPECT_EQ(*secret, test_secret(static_cast<uint8_t>(winner)));
}

TEST_F(KeystoreTest, BadNamesAreRefused) {
    Keystore ks = open_fast();
    const std::vector<std::string> bad = {"",
                                          std::string(65, 'a'),
                                          "a b",
                                          "../x",
                                          "a/b",
                                          ".hidden",
                                          "a.json",
                                          "caf\xc3\xa9",
                                          std::string("nul\0x", 5)};
    for (const std::string& name : bad) {
        SCOPED_TRACE(name);
        auto added = ks.add(name, test_secret(), kAddress, kPassword);
        ASSERT_FALSE(added.ok());
        EXPECT_EQ(added.error().reason, "bad_key_name");
        EXPECT_EQ(ks.unlock(name, kPassword).error().reason, "bad_key_name");
        EXPECT_EQ(ks.show(name).error().reason, "bad_key_name");
        EXPECT_FALSE(ks.contains(name));
    }
    EXPECT_TRUE(fs::is_empty(m_root / "keys"));
    EXPECT_TRUE(ks.add(std::string(64, 'z'), test_secret(), kAddress, kPassword).ok());
    EXPECT_TRUE(ks.add("Az09_-", test_secret(), kAddress, kPassword).ok());
}

TEST_F(KeystoreTest, OtherBadInputsAreRefused) {
    Keystore ks = open_fast();
    EXPECT_EQ(ks.add("alice", test_secret(), kAddress, "").error().reason, "empty_password");
    EXPECT_EQ(ks.add("alice", test_secret(), "", kPassword).error().reason, "bad_address");
    EXPECT_EQ(ks.add("alice", test_secret(), "a\nb", kPassword).error().reason, "bad_address");
    EXPECT_EQ(ks.add("alice", test_secret(), std::string(257, 'a'), kPassword).error().reason,
              "bad_address");
    EXPECT_EQ(ks.unlock("nobody", kPassword).error().reason, "key_not_found");
    EXPECT_EQ(ks.show("nobody").error().reason, "key_not_found");
    EXPECT_FALSE(ks.contains("alice"));
}

TEST_F(KeystoreTest, ListIsSortedAndNeedsNoPassword) {
    Keystore ks = open_fast();
    for (const char* name : {"bob", "alice", "Carol", "dave-1"}) {
        ASSERT_TRUE(ks.add(name, test_secret(), std::string(kAddress) + name, kPassword).ok());
    }
    // Not keys: another file type, a temp file a crash left behind, a name that is not valid.
    write_text(m_root / "keys" / "notes.txt", "x");
    write_text(m_root / "keys" / ".erin.json.tmp-0011223344556677", "{");
    write_text(m_root / "keys" / "bad name.json", "{");

    auto list = ks.list();
    ASSERT_TRUE(list.ok()) << list.error().to_string();
    std::vector<std::string> names;
    for (const auto& e : *list) {
        names.push_back(e.name);
        EXPECT_EQ(e.address, std::string(kAddress) + e.name);
        EXPECT_FALSE(e.error.has_value());
    }
    EXPECT_EQ(names, (std::vector<std::string>{"Carol", "alice", "bob", "dave-1"}));

    auto shown = ks.show("bob");
    ASSERT_TRUE(shown.ok());
    EXPECT_EQ(shown->name, "bob");
    EXPECT_EQ(shown->address, std::string(kAddress) + "bob");
    EXPECT_TRUE(ks.contains("bob"));
}

TEST_F(KeystoreTest, AddLeavesNoTempFiles) {
    Keystore ks = open_fast();
    ASSERT_TRUE(ks.add("alice", test_secret(), kAddress, kPassword).ok());
    ASSERT_FALSE(ks.add("alice", test_secret(), kAddress, kPassword).ok());
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(m_root / "keys")) {
        files.push_back(e.path().filename().string());
    }
    EXPECT_EQ(files, (std::vector<std::string>{"alice.json"}));
}

// Decision (README.md): one unreadable file does not hide the other keys. list() returns it as
// an entry carrying the "bad_keystore" error that names the file.
TEST_F(KeystoreTest, MalformedFileIsListedWithItsErrorBesideGoodKeys) {
    Keystore ks = open_fast();
    ASSERT_TRUE(ks.add("alice", test_secret(), kAddress, kPassword).ok());
    ASSERT_TRUE(ks.add("carol", test_secret(), kAddress, kPassword).ok());
    write_text(key_path("bob"), "{ not json");

    auto list = ks.list();
    ASSERT_TRUE(list.ok()) << list.error().to_string();
    ASSERT_EQ(list->size(), 3u);
    EXPECT_EQ((*list)[0].name, "alice");
    EXPECT_FALSE((*list)[0].error.has_value());
    EXPECT_EQ((*list)[1].name, "bob");
    ASSERT_TRUE((*list)[1].error.has_value());
    EXPECT_EQ((*list)[1].error->reason, "bad_keystore");
    EXPECT_NE((*list)[1].error->message.find(key_path("bob").string()), std::string::npos);
    EXPECT_TRUE((*list)[1].address.empty());
    EXPECT_EQ((*list)[2].name, "carol");
    EXPECT_FALSE((*list)[2].error.has_value());

    EXPECT_EQ(ks.show("bob").error().reason, "bad_keystore");
    EXPECT_EQ(ks.unlock("bob", kPassword).error().reason, "bad_keystore");
    EXPECT_TRUE(ks.contains("bob"));
}

TEST_F(KeystoreTest, SymlinksAndDirectoriesAreNotKeyFiles) {
    Keystore ks = open_fast();
    ASSERT_TRUE(ks.add("alice", test_secret(), kAddress, kPassword).ok());
    fs::create_symlink(key_path("alice"), key_path("link"));
    fs::create_directory(key_path("dir"));
    EXPECT_EQ(ks.unlock("link", kPassword).error().reason, "bad_keystore");
    EXPECT_EQ(ks.show("dir").error().reason, "bad_keystore");
    EXPECT_EQ(ks.add("link", test_secret(), kAddress, kPassword).error().reason, "key_exists");
}

TEST_F(KeystoreTest, OversizedFileIsBadKeystore) {
    Keystore ks = open_fast();
    write_text(key_path("big"), std::string(65 * 1024, ' '));
    EXPECT_EQ(ks.show("big").error().reason, "bad_keystore");
}

}  // namespace
}  // namespace azora::wallet
