#pragma once

// Helpers shared by the kernel tests: dev keys and signed transfers on the dev chain.

#include <gtest/gtest.h>

#include <string>

#include "core/hash.hpp"
#include "genesis/dev.hpp"
#include "ledger/tx.hpp"
#include "tests/support/dev_transfers.hpp"
#include "tests/support/test_chain.hpp"
#include "vm/modules/token/messages.hpp"
#include "vm/registry.hpp"

namespace azora::chain::test {

using azora::test::candidates;
using azora::test::TestChain;

using azora::test::dev_address;
using azora::test::dev_key;
using azora::test::kTransferGas;
using azora::test::other_key;
using azora::test::transfer;

}  // namespace azora::chain::test
