#include "consensus/step.hpp"

namespace azora::consensus {

std::string_view to_string(Step step) {
    switch (step) {
        case Step::propose:
            return "propose";
        case Step::prevote:
            return "prevote";
        case Step::precommit:
            return "precommit";
    }
    return "unknown";
}

}  // namespace azora::consensus
