#include "tests/sim/page_render.h"

#include <fmt/format.h>

namespace ebill::sim {

namespace {

constexpr const char* kHead = R"(<!DOCTYPE html>
<html xmlns="http://www.w3.org/1999/xhtml">
<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8" />
<meta name="viewport" content="width=device-width, initial-scale=1.0, maximum-scale=1.0, user-scalable=no" />
<title>
	电费充值
</title>
<style type="text/css">
body { margin: 0; font-family: "Microsoft YaHei", Arial, sans-serif; background: #f5f5f5; }
.top { background: #1a9cf0; color: #fff; text-align: center; line-height: 44px; font-size: 17px; }
.info { background: #fff; margin: 10px 0; padding: 0 12px; }
.item { line-height: 40px; border-bottom: 1px solid #eee; font-size: 15px; }
.item span { color: #666; }
.btn { display: block; margin: 20px 12px; background: #f60; color: #fff; text-align: center; line-height: 44px; border-radius: 4px; }
</style>
</head>
<body>
<form method="post" action="./pay.aspx?mid=@MID@">
<div class="aspNetHidden">
<input type="hidden" name="__VIEWSTATE" value="/wEPDwUKMTY1NDU2MTA1MmRkq8uJg7bXzSfN0gM1cJpo6hUQ1tc=" />
</div>
<div class="top">电费充值</div>
<div class="info">
)";

constexpr const char* kTail = R"(</div>
<div class="item"><span>充值金额:</span><input name="txtMoney" type="tel" maxlength="6" style="width:60%;" /><span>元</span></div>
<a class="btn" href="javascript:void(0);">微信支付</a>
</form>
<script type="text/javascript">
function check() { return true; }
</script>
</body>
</html>
)";

}  // namespace

std::string format_price(TenThousandths price) {
  std::string s = format_fixed(price, 4);
  while (s.size() > 1 && s.back() == '0' && s[s.size() - 3] != '.') s.pop_back();
  return s;
}

std::string render_page(const PageData& d) {
  std::string out = kHead;
  out.replace(out.find("@MID@"), 5, d.meter_no);
  out += fmt::format(
      "<div class=\"item\"><span>表&ensp;名&ensp;称:</span><label style=\"color:#333;\">{}</label><span></span></div>\n",
      d.name);
  out += fmt::format(
      "<div class=\"item\"><span>表&ensp;&ensp;&ensp;&ensp;号:</span><label id=\"metid\" style=\"color:#333;\">{}</label><span></span></div>\n",
      d.meter_no);
  if (d.with_balance) {
    out += fmt::format(
        "<div class=\"item\"><span>剩余电量:</span><label style=\"color:#f60;\">{}</label><span>kWh</span></div>\n",
        format_hundredths(d.remain));
  }
  out += fmt::format(
      "<div class=\"item\"><span>剩余金额:</span><label style=\"color:#f60;\">{}</label><span>元 </span></div>\n",
      format_hundredths(d.remain_money));
  out += fmt::format(
      "<div class=\"item\"><span>综合费用:</span><label style=\"color:#333;\">{}</label><span>元/kWh</span></div>\n",
      format_price(d.unit_price));
  out += kTail;
  return out;
}

std::string render_block_page() {
  return R"(<!DOCTYPE html>
<html>
<head><meta charset="utf-8" /><title>安全威胁 - 您的访问已被阻断</title></head>
<body>
<h1>您的请求存在安全威胁，已被阻断</h1>
<p>如有疑问请联系网站管理员。</p>
</body>
</html>
)";
}

std::string render_status_page(int status) {
  return fmt::format("<html><head><title>{0}</title></head><body><h1>{0}</h1></body></html>\n", status);
}

}  // namespace ebill::sim
