#include "rpc/params.hpp"

#include <gtest/gtest.h>

namespace azora::rpc {
namespace {

using nlohmann::json;

TEST(Params, PositionalAndNamedReadTheSame) {
    const json positional = json::array({"alice", 7, true});
    const json named = {{"who", "alice"}, {"count", 7}, {"flag", true}};
    for (const json* raw : {&positional, &named}) {
        Params p(*raw);
        EXPECT_EQ(*p.get_string(0, "who"), "alice");
        EXPECT_EQ(*p.get_u64(1, "count"), 7u);
        EXPECT_TRUE(*p.get_bool(2, "flag"));
    }
}

TEST(Params, U64AcceptsIntegersAndDecimalStrings) {
    const json raw = json::array({"18446744073709551615", 0, "0", 7});
    Params p(raw);
    EXPECT_EQ(*p.get_u64(0, "a"), UINT64_MAX);
    EXPECT_EQ(*p.get_u64(1, "b"), 0u);
    EXPECT_EQ(*p.get_u64(2, "c"), 0u);
    EXPECT_EQ(*p.get_u64(3, "d"), 7u);
}

TEST(Params, U64RejectsNegativesFloatsOverflowAndJunk) {
    for (const json& bad :
         {json(-1), json(1.5), json(1e3), json("18446744073709551616"), json("-1"), json("+1"),
          json(" 1"), json(""), json("0x10"), json(true)}) {
        const json raw = json::array({bad});
        auto r = Params(raw).get_u64(0, "amount");
        ASSERT_FALSE(r.ok()) << bad.dump();
        EXPECT_EQ(r.error().kind, ErrorKind::malformed);
        EXPECT_EQ(r.error().reason, "invalid_params");
        EXPECT_NE(r.error().message.find("amount"), std::string::npos);
    }
}

TEST(Params, MissingAndWrongTypesAreInvalidParams) {
    const json raw = {{"name", 5}};
    Params p(raw);
    auto missing = p.get_bool(1, "flag");
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().reason, "invalid_params");
    EXPECT_NE(missing.error().message.find("required"), std::string::npos);
    auto wrong = p.get_string(0, "name");
    ASSERT_FALSE(wrong.ok());
    EXPECT_EQ(wrong.error().reason, "invalid_params");
}

TEST(Params, OptionalGettersTreatAbsentAndNullAsNone) {
    const json raw = json::array({nullptr});
    Params p(raw);
    EXPECT_FALSE(p.opt_string(0, "a")->has_value());
    EXPECT_FALSE(p.opt_u64(1, "b")->has_value());
    EXPECT_FALSE(p.opt_bool(2, "c")->has_value());
    const json present = json::array({"x", "12", false});
    Params q(present);
    EXPECT_EQ(**q.opt_string(0, "a"), "x");
    EXPECT_EQ(**q.opt_u64(1, "b"), 12u);
    EXPECT_EQ(**q.opt_bool(2, "c"), false);
    const json wrong = json::array({1});
    EXPECT_FALSE(Params(wrong).opt_string(0, "a").ok());
}

TEST(Params, NullParamsHaveNothing) {
    const json raw;
    Params p(raw);
    EXPECT_FALSE(p.has(0, "a"));
    EXPECT_FALSE(p.get_json(0, "a").ok());
}

}  // namespace
}  // namespace azora::rpc
