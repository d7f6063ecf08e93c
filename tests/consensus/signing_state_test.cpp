#include "consensus/signing_state.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "core/encoding.hpp"
#include "core/hash.hpp"

namespace azora::consensus {
namespace {

namespace fs = std::filesystem;

const std::string kChain = "azora-test-1";

PrivateKey key() {
    auto k = PrivateKey::from_bytes(sha256(as_bytes("signing-state-test")));
    EXPECT_TRUE(k.ok());
    return std::move(k).value();
}

VoteData vote(VoteType type, uint64_t height, uint32_t round, const std::string& block) {
    return {type, kChain, height, round, sha256(as_bytes(block))};
}

Hash32 proposal(const std::string& block) {
    return sha256(as_bytes("proposal/" + block));
}

class SigningStateTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        m_dir = fs::temp_directory_path() /
                ("azora-signing-state-" + std::to_string(::getpid()) + "-" + info->name());
        fs::remove_all(m_dir);
        fs::create_directories(m_dir);
        m_file = m_dir / "signing_state";
    }
    void TearDown() override { fs::remove_all(m_dir); }

    SigningState open() {
        auto s = SigningState::open(m_file);
        EXPECT_TRUE(s.ok()) << s.error().to_string();
        return std::move(s).value();
    }

    Bytes file_bytes() const {
        std::ifstream in(m_file, std::ios::binary);
        return Bytes(std::istreambuf_iterator<char>(in), {});
    }
    void write_bytes(const Bytes& data) const {
        std::ofstream out(m_file, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data.data()),
                  static_cast<std::streamsize>(data.size()));
    }

    static std::string reason(const Result<Signature>& r) {
        return r.ok() ? "<ok>" : r.error().reason;
    }

    fs::path m_dir;
    fs::path m_file;
    PrivateKey m_key = key();
};

TEST_F(SigningStateTest, OpenCreatesAnEmptyStateFile) {
    EXPECT_FALSE(fs::exists(m_file));
    SigningState s = open();
    EXPECT_FALSE(s.last().has_value());
    EXPECT_TRUE(fs::exists(m_file));
    EXPECT_FALSE(fs::exists(m_dir / "signing_state.tmp"));
    EXPECT_FALSE(open().last().has_value());
}

TEST_F(SigningStateTest, SignsVotesThatVerifyAndRecordsThem) {
    SigningState s = open();
    const VoteData v = vote(VoteType::prevote, 5, 0, "a");
    auto sig = s.sign_vote(m_key, v);
    ASSERT_TRUE(sig.ok()) << sig.error().to_string();
    EXPECT_TRUE(verify_vote(m_key.public_key(), v, *sig));
    ASSERT_TRUE(s.last().has_value());
    EXPECT_EQ(*s.last(), (SignedRecord{5, 0, SignStep::prevote, v.signing_hash(), *sig}));
    // The record is on disk before the signature was returned.
    auto on_disk = SigningState::decode(file_bytes());
    ASSERT_TRUE(on_disk.ok());
    EXPECT_EQ(on_disk->last, s.last());
}

TEST_F(SigningStateTest, StepsOrderProposalPrevotePrecommitThenRounds) {
    SigningState s = open();
    ASSERT_TRUE(s.sign_proposal(m_key, 5, 0, proposal("a")).ok());
    ASSERT_TRUE(s.sign_vote(m_key, vote(VoteType::prevote, 5, 0, "a")).ok());
    ASSERT_TRUE(s.sign_vote(m_key, vote(VoteType::precommit, 5, 0, "a")).ok());
    // A new round may start with a vote (another validator's proposal).
    ASSERT_TRUE(s.sign_vote(m_key, vote(VoteType::prevote, 5, 1, "b")).ok());
    ASSERT_TRUE(s.sign_proposal(m_key, 5, 2, proposal("c")).ok());
    ASSERT_TRUE(s.sign_vote(m_key, vote(VoteType::precommit, 6, 0, "d")).ok());
    EXPECT_EQ(s.last()->height, 6u);
    EXPECT_EQ(s.last()->step, SignStep::precommit);
}

TEST_F(SigningStateTest, RefusesRegression) {
    SigningState s = open();
    ASSERT_TRUE(s.sign_vote(m_key, vote(VoteType::precommit, 5, 1, "a")).ok());
    EXPECT_EQ(reason(s.sign_vote(m_key, vote(VoteType::prevote, 5, 1, "a"))), "sign_regression");
    EXPECT_EQ(reason(s.sign_proposal(m_key, 5, 1, proposal("a"))), "sign_regression");
    EXPECT_EQ(reason(s.sign_vote(m_key, vote(VoteType::precommit, 5, 0, "a"))), "sign_regression");
    EXPECT_EQ(reason(s.sign_vote(m_key, vote(VoteType::precommit, 4, 9, "a"))), "sign_regression");
    auto r = s.sign_vote(m_key, vote(VoteType::prevote, 4, 0, "a"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().kind, ErrorKind::rejected);
    EXPECT_EQ(s.last()->round, 1u);
}

TEST_F(SigningStateTest, SameMessageResignsIdenticallyAndAConflictIsRefused) {
    SigningState s = open();
    const VoteData v = vote(VoteType::prevote, 5, 0, "a");
    auto first = s.sign_vote(m_key, v);
    ASSERT_TRUE(first.ok());
    auto again = s.sign_vote(m_key, v);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, *first);
    EXPECT_EQ(reason(s.sign_vote(m_key, vote(VoteType::prevote, 5, 0, "b"))), "double_sign");
    VoteData nil = v;
    nil.block_hash = Hash32{};
    EXPECT_EQ(reason(s.sign_vote(m_key, nil)), "double_sign");
    VoteData other_chain = v;
    other_chain.chain_id = "other";
    EXPECT_EQ(reason(s.sign_vote(m_key, other_chain)), "double_sign");

    ASSERT_TRUE(s.sign_proposal(m_key, 6, 0, proposal("p")).ok());
    EXPECT_EQ(reason(s.sign_proposal(m_key, 6, 0, proposal("q"))), "double_sign");
    EXPECT_EQ(*s.sign_proposal(m_key, 6, 0, proposal("p")), m_key.sign(proposal("p")));
}

TEST_F(SigningStateTest, RestartKeepsRefusingConflictsAndResignsTheSameVote) {
    const VoteData v = vote(VoteType::precommit, 8, 3, "a");
    Signature sig{};
    {
        SigningState s = open();
        auto r = s.sign_vote(m_key, v);
        ASSERT_TRUE(r.ok());
        sig = *r;
    }
    SigningState s = open();
    ASSERT_TRUE(s.last().has_value());
    EXPECT_EQ(s.last()->height, 8u);
    auto again = s.sign_vote(m_key, v);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(*again, sig);
    EXPECT_EQ(reason(s.sign_vote(m_key, vote(VoteType::precommit, 8, 3, "b"))), "double_sign");
    EXPECT_EQ(reason(s.sign_vote(m_key, vote(VoteType::prevote, 8, 3, "a"))), "sign_regression");
    EXPECT_EQ(reason(s.sign_vote(m_key, vote(VoteType::precommit, 7, 0, "a"))), "sign_regression");
    EXPECT_TRUE(s.sign_vote(m_key, vote(VoteType::prevote, 8, 4, "b")).ok());
}

TEST_F(SigningStateTest, APrecommitForABlockIsTheLockAndSurvivesAReopen) {
    {
        SigningState s = open();
        ASSERT_TRUE(s.sign_proposal(m_key, 5, 0, proposal("a")).ok());
        ASSERT_TRUE(s.sign_vote(m_key, vote(VoteType::prevote, 5, 0, "a")).ok());
        EXPECT_FALSE(s.lock().has_value());
        ASSERT_TRUE(s.sign_vote(m_key, vote(VoteType::precommit, 5, 0, "a")).ok());
        EXPECT_EQ(s.lock(), (PrecommitLock{5, 0, sha256(as_bytes("a"))}));
        // Nil precommits and later prevotes keep it.
        ASSERT_TRUE(s.sign_vote(m_key, vote(VoteType::prevote, 5, 1, "b")).ok());
        VoteData nil = vote(VoteType::precommit, 5, 1, "");
        nil.block_hash = Hash32{};
        ASSERT_TRUE(s.sign_vote(m_key, nil).ok());
        EXPECT_EQ(s.lock(), (PrecommitLock{5, 0, sha256(as_bytes("a"))}));
    }
    {
        SigningState s = open();
        EXPECT_EQ(s.lock(), (PrecommitLock{5, 0, sha256(as_bytes("a"))}));
        EXPECT_EQ(s.last()->round, 1u);
        // A precommit for another block in a later round moves it.
        ASSERT_TRUE(s.sign_vote(m_key, vote(VoteType::precommit, 5, 2, "c")).ok());
        EXPECT_EQ(s.lock(), (PrecommitLock{5, 2, sha256(as_bytes("c"))}));
    }
    EXPECT_EQ(open().lock(), (PrecommitLock{5, 2, sha256(as_bytes("c"))}));
}

TEST_F(SigningStateTest, VotesOfTheLatestHeightAreKeptForAResend) {
    VoteData nil = vote(VoteType::precommit, 5, 0, "");
    nil.block_hash = Hash32{};
    {
        SigningState s = open();
        EXPECT_TRUE(s.height_votes(kChain).empty());
        ASSERT_TRUE(s.sign_vote(m_key, vote(VoteType::precommit, 4, 0, "z")).ok());
        ASSERT_TRUE(s.sign_proposal(m_key, 5, 0, proposal("a")).ok());
        EXPECT_TRUE(s.height_votes(kChain).empty()) << "height 4's votes are dropped";
        ASSERT_TRUE(s.sign_vote(m_key, vote(VoteType::prevote, 5, 0, "a")).ok());
        ASSERT_TRUE(s.sign_vote(m_key, nil).ok());
    }
    const auto votes = open().height_votes(kChain);
    ASSERT_EQ(votes.size(), 2u);
    EXPECT_EQ(votes[0].first.encode(), vote(VoteType::prevote, 5, 0, "a").encode());
    EXPECT_EQ(votes[1].first.encode(), nil.encode());
    for (const auto& [data, sig] : votes) {
        EXPECT_TRUE(verify_vote(m_key.public_key(), data, sig));
    }

    // Only the newest kMaxHeightVotes are kept.
    SigningState s = open();
    for (uint32_t round = 1; round <= kMaxHeightVotes; ++round) {
        ASSERT_TRUE(s.sign_vote(m_key, vote(VoteType::prevote, 5, round, "b")).ok());
    }
    const auto kept = open().height_votes(kChain);
    ASSERT_EQ(kept.size(), kMaxHeightVotes);
    EXPECT_EQ(kept.front().first.round, 1u);
    EXPECT_EQ(kept.back().first.round, kMaxHeightVotes);
}

TEST_F(SigningStateTest, VersionOneFilesLoadWithoutALock) {
    const VoteData v = vote(VoteType::precommit, 9, 2, "a");
    const Signature sig = sign_vote(m_key, v);
    Writer w;
    w.fixed_bytes(std::array<uint8_t, 4>{'a', 'z', 's', 's'});
    w.u32(1);
    w.boolean(true);
    w.u64(9);
    w.u32(2);
    w.u8(static_cast<uint8_t>(SignStep::precommit));
    w.fixed_bytes(v.signing_hash());
    w.fixed_bytes(sig);
    w.fixed_bytes(sha256(w.data()));
    write_bytes(w.take());

    SigningState s = open();
    EXPECT_EQ(s.last(), (SignedRecord{9, 2, SignStep::precommit, v.signing_hash(), sig}));
    EXPECT_FALSE(s.lock().has_value());
    EXPECT_TRUE(s.height_votes(kChain).empty());
    EXPECT_EQ(reason(s.sign_vote(m_key, vote(VoteType::precommit, 9, 2, "b"))), "double_sign");
    // The next write is version 2.
    ASSERT_TRUE(s.sign_vote(m_key, vote(VoteType::precommit, 9, 3, "b")).ok());
    EXPECT_EQ(file_bytes()[4], 2);
    EXPECT_EQ(open().lock(), (PrecommitLock{9, 3, sha256(as_bytes("b"))}));
}

TEST_F(SigningStateTest, DamagedFilesAreRefusedNeverReset) {
    {
        SigningState s = open();
        ASSERT_TRUE(s.sign_vote(m_key, vote(VoteType::prevote, 5, 0, "a")).ok());
    }
    const Bytes good = file_bytes();
    ASSERT_EQ(good.size(), 4u + 4 + 1 + (8 + 4 + 1 + 32 + 64) + 1 + 1 + (1 + 4 + 32 + 64) + 32);
    auto expect_refused = [&](const Bytes& data, const std::string& what) {
        write_bytes(data);
        auto s = SigningState::open(m_file);
        ASSERT_FALSE(s.ok()) << what;
        EXPECT_EQ(s.error().reason, "bad_signing_state") << what;
        EXPECT_EQ(s.error().kind, ErrorKind::internal) << what;
        // Refused files are left as they are for an operator to look at.
        EXPECT_EQ(file_bytes(), data) << what;
    };
    for (size_t len : {size_t{0}, size_t{1}, size_t{31}, size_t{32}, good.size() - 1}) {
        expect_refused(Bytes(good.begin(), good.begin() + static_cast<ptrdiff_t>(len)),
                       "truncated to " + std::to_string(len));
    }
    for (size_t i = 0; i < good.size(); i += 7) {
        Bytes flipped = good;
        flipped[i] ^= 0x01;
        expect_refused(flipped, "bit flip at " + std::to_string(i));
    }
    Bytes longer = good;
    longer.push_back(0);
    expect_refused(longer, "trailing byte");
    expect_refused(Bytes(1000, 0xab), "garbage");

    // A correct checksum over a bad body (unknown step, wrong version) is refused too.
    Bytes body(good.begin(), good.end() - 32);
    body[4 + 4 + 1 + 8 + 4] = 3;  // step
    Hash32 sum = sha256(body);
    Bytes bad_step = body;
    bad_step.insert(bad_step.end(), sum.begin(), sum.end());
    expect_refused(bad_step, "step 3");
    Bytes v3(good.begin(), good.end() - 32);
    v3[4] = 3;
    sum = sha256(v3);
    v3.insert(v3.end(), sum.begin(), sum.end());
    expect_refused(v3, "version 3");
    const size_t after_record = 4 + 4 + 1 + 8 + 4 + 1 + 32 + 64;
    auto with_body_byte = [&](size_t at, uint8_t value) {
        Bytes b(good.begin(), good.end() - 32);
        b[at] = value;
        const Hash32 h = sha256(b);
        b.insert(b.end(), h.begin(), h.end());
        return b;
    };
    expect_refused(with_body_byte(after_record, 2), "has_lock 2");
    expect_refused(with_body_byte(after_record + 1, 2), "vote count beyond the votes");
    expect_refused(with_body_byte(after_record + 1, kMaxHeightVotes + 1), "vote count too big");
    expect_refused(with_body_byte(after_record + 2, 3), "vote type 3");

    write_bytes(good);
    EXPECT_TRUE(SigningState::open(m_file).ok());
}

TEST_F(SigningStateTest, WriteFailureSignsNothingAndKeepsTheState) {
    bool fail = false;
    int writes = 0;
    DurableWriter writer = [&](const fs::path& file, ByteView data) -> Result<void> {
        ++writes;
        if (fail) {
            return Error::internal("signing_state_io", "injected fsync failure");
        }
        return write_file_durably(file, data);
    };
    auto opened = SigningState::open(m_file, writer);
    ASSERT_TRUE(opened.ok());
    SigningState s = std::move(opened).value();
    ASSERT_TRUE(s.sign_vote(m_key, vote(VoteType::prevote, 5, 0, "a")).ok());
    const auto before = s.last();

    fail = true;
    auto r = s.sign_vote(m_key, vote(VoteType::precommit, 5, 0, "a"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "signing_state_io");
    EXPECT_EQ(r.error().kind, ErrorKind::internal);
    EXPECT_EQ(s.last(), before);
    EXPECT_EQ(SigningState::decode(file_bytes())->last, before);
    // Re-signing what is already recorded needs no write, so it still works.
    const int writes_before = writes;
    EXPECT_TRUE(s.sign_vote(m_key, vote(VoteType::prevote, 5, 0, "a")).ok());
    EXPECT_EQ(writes, writes_before);

    fail = false;
    EXPECT_TRUE(s.sign_vote(m_key, vote(VoteType::precommit, 5, 0, "b")).ok());

    // Opening a missing file that cannot be created fails rather than signing unrecorded.
    fail = true;
    auto fresh = SigningState::open(m_dir / "other", writer);
    ASSERT_FALSE(fresh.ok());
    EXPECT_EQ(fresh.error().reason, "signing_state_io");
}

TEST_F(SigningStateTest, RealWriteErrorsAreReported) {
    SigningState s = open();
    fs::remove_all(m_dir);  // the directory is gone: the temporary file cannot be created
    auto r = s.sign_vote(m_key, vote(VoteType::prevote, 5, 0, "a"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().reason, "signing_state_io");
    EXPECT_FALSE(s.last().has_value());

    auto missing_dir = SigningState::open(m_dir / "sub" / "state");
    ASSERT_FALSE(missing_dir.ok());
    EXPECT_EQ(missing_dir.error().reason, "signing_state_io");

    // A directory where the file should be cannot be read as a state file.
    fs::create_directories(m_file);
    auto dir_as_file = SigningState::open(m_file);
    ASSERT_FALSE(dir_as_file.ok());
    EXPECT_EQ(dir_as_file.error().reason, "signing_state_io");
}

}  // namespace
}  // namespace azora::consensus
