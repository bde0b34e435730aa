// The page's data layout: blocks of `<span>LABEL:</span>` then
// `<label ...>VALUE</label>` then an optional unit `<span>UNIT</span>`.
#ifndef EBILL_COMMON_SOURCE_LABELLED_BLOCKS_H_
#define EBILL_COMMON_SOURCE_LABELLED_BLOCKS_H_

#include <optional>
#include <string>
#include <vector>

#include "common/source/html_tokens.h"

namespace ebill::source {

struct LabelledBlock {
  std::string label;  // span text, all spaces removed, colon dropped: "表号"
  // Text of the <label> that follows (spaces squeezed); nullopt when the
  // next element is not a complete <label>...</label>.
  std::optional<std::string> value;
  // Text of the <span> right after the value, all spaces removed ("元 " ->
  // "元"); empty when there is none.
  std::string unit;
};

// Every block in page order. A label is a <span> whose text ends with a
// colon (':' or '：', written directly or as a reference); only white space
// may stand between the label span, the value and the unit.
std::vector<LabelledBlock> find_labelled_blocks(
    const std::vector<HtmlToken>& tokens);

}  // namespace ebill::source

#endif  // EBILL_COMMON_SOURCE_LABELLED_BLOCKS_H_
