// The configuration reference made from the registry: the "Configuration"
// part of each program's --help, and the Markdown table README.md and
// docs/configuration.md embed verbatim (`ebill-api --help-markdown` prints
// it; scripts/config-docs pastes it). Test hooks appear in neither.
#ifndef EBILL_COMMON_CONFIG_HELP_H_
#define EBILL_COMMON_CONFIG_HELP_H_

#include <string>

#include "common/config/registry.h"

namespace ebill {

// Every variable `program` reads, with its default and meaning, grouped by
// section; each variable's first line is "  NAME   default: VALUE".
std::string help_text(Program program);

// One row per variable: name, default, which program reads it, meaning.
std::string reference_markdown();

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_HELP_H_
