#pragma once

#include "ledger/commit.hpp"

namespace azora::chain {

class Chain;

/// A commit whose signatures were checked once on this node: by Chain::verify_commit (a commit
/// received whole, from block sync) or vote by vote on arrival (consensus precommits, assembled
/// by Chain::commit_from_checked_precommits). Only Chain makes one, and Chain::commit takes
/// nothing else, so no block's commit is checked twice and none is written unchecked.
class VerifiedCommit {
public:
    const ledger::Commit& commit() const { return m_commit; }

private:
    friend class Chain;
    explicit VerifiedCommit(ledger::Commit commit) : m_commit(std::move(commit)) {}

    ledger::Commit m_commit;
};

}  // namespace azora::chain
