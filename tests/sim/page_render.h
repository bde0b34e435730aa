// The HTML the simulator serves, in the shape of the cnyiot recharge page
// (tests/issue 2, section 5): a run of <div class="item"> blocks, each a
// label <span>, a value <label> and a unit <span>; <label id="metid"> is the
// only element with an id. UTF-8.
#ifndef EBILL_TESTS_SIM_PAGE_RENDER_H_
#define EBILL_TESTS_SIM_PAGE_RENDER_H_

#include <string>

#include "common/domain/amount.h"

namespace ebill::sim {

struct PageData {
  std::string name;           // meter name, e.g. "佳丰南苑5-1-501-1"
  std::string meter_no;       // shown in <label id="metid">
  Hundredths remain = 0;      // kWh, shown with two decimals
  Hundredths remain_money = 0;  // yuan, two decimals
  TenThousandths unit_price = 0;  // yuan/kWh, shortest of 2..4 decimals
  bool with_balance = true;   // false drops the 剩余电量 block
};

// The whole recharge page for one meter.
std::string render_page(const PageData& data);

// A 200 page from the site's firewall: its <title> says the request was
// blocked (安全威胁 / 被阻断).
std::string render_block_page();

// Short bodies for error statuses ("<title>405</title>" etc).
std::string render_status_page(int status);

// The unit price as the site prints it: two decimals unless more are needed
// (0.60, 0.5283, 0.55).
std::string format_price(TenThousandths price);

}  // namespace ebill::sim

#endif  // EBILL_TESTS_SIM_PAGE_RENDER_H_
