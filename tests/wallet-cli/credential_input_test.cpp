// Command-line input of the credential commands: dates, batch files and URI splitting.
#include "wallet-cli/credential_input.hpp"

#include <gtest/gtest.h>

#include <fstream>

#include "core/hash.hpp"

namespace azora::wallet {
namespace {

TEST(CredentialInput, DatesAreUtcMidnight) {
    auto d = parse_date("2030-01-02");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(*d, 1893542400000u);
    EXPECT_EQ(parse_date("2030-1-2").error().reason, "bad_date");
    EXPECT_EQ(parse_date("2030-13-01").error().reason, "bad_date");
}

TEST(CredentialInput, UrisShareAPrefix) {
    auto s = split_uris({"https://a.example/vc/1.json", "https://a.example/vc/22.json"});
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->first, "https://a.example/vc/");
    EXPECT_EQ(s->second, (std::vector<std::string>{"1.json", "22.json"}));
    EXPECT_EQ(split_uris({std::string(300, 'a'), std::string(300, 'b')}).error().reason,
              "invalid_field");
}

TEST(CredentialInput, CsvAndJsonBatchFiles) {
    const auto dir = std::filesystem::temp_directory_path() / "azora-batch-test";
    std::filesystem::create_directories(dir);
    {
        std::ofstream(dir / "doc.txt") << "hello";
        std::ofstream(dir / "b.csv") << "holder,document,uri\n# comment\n"
                                     << "alice,doc.txt,https://x/1\n"
                                     << "bob," << to_hex(sha256(as_bytes("x"))) << "\n";
        std::ofstream(dir / "b.json") << R"([{"holder":"carol","document":"doc.txt","uri":"u"}])";
        std::ofstream(dir / "bad.csv") << "alice\n";
    }
    auto csv = read_batch_file(dir / "b.csv");
    ASSERT_TRUE(csv.ok()) << csv.error().to_string();
    ASSERT_EQ(csv->size(), 2u);
    EXPECT_EQ((*csv)[0].metadata_hash, sha256(as_bytes("hello")));
    EXPECT_EQ((*csv)[0].metadata_uri, "https://x/1");
    EXPECT_EQ((*csv)[1].metadata_hash, sha256(as_bytes("x")));
    auto js = read_batch_file(dir / "b.json");
    ASSERT_TRUE(js.ok()) << js.error().to_string();
    EXPECT_EQ((*js)[0].holder, "carol");
    EXPECT_EQ(read_batch_file(dir / "bad.csv").error().reason, "bad_batch_file");
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace azora::wallet
