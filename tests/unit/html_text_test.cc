// The HTML text helpers and tokenizer under the source-page parser.
#include <catch2/catch.hpp>

#include <string>

#include "common/source/html_text.h"
#include "common/source/html_tokens.h"
#include "common/source/labelled_blocks.h"

using ebill::source::decode_entities;
using ebill::source::excerpt;
using ebill::source::find_labelled_blocks;
using ebill::source::first_invalid_utf8;
using ebill::source::HtmlToken;
using ebill::source::squeeze_spaces;
using ebill::source::strip_spaces;
using ebill::source::tokenize_html;

TEST_CASE("first_invalid_utf8 finds the first bad byte", "[source][html]") {
  CHECK_FALSE(first_invalid_utf8("").has_value());
  CHECK_FALSE(first_invalid_utf8("abc 剩余电量 ：").has_value());
  CHECK_FALSE(first_invalid_utf8("\xF0\x9F\x94\x8C").has_value());  // U+1F50C
  CHECK(first_invalid_utf8("ab\x80") == 2u);              // stray continuation
  CHECK(first_invalid_utf8("a\xE5\x89") == 1u);           // cut off
  CHECK(first_invalid_utf8("\xC0\xAF") == 0u);            // overlong '/'
  CHECK(first_invalid_utf8("\xE0\x80\xAF") == 0u);        // overlong '/'
  CHECK(first_invalid_utf8("x\xED\xA0\x80") == 1u);       // surrogate D800
  CHECK(first_invalid_utf8("\xF4\x90\x80\x80") == 0u);    // above U+10FFFF
  CHECK(first_invalid_utf8("\xB5\xE7\xB7\xD1") == 0u);    // 电费 in GBK
}

TEST_CASE("decode_entities handles numeric and the page's named references",
          "[source][html]") {
  CHECK(decode_entities("a&amp;b &lt;&gt; &quot;&apos;") == "a&b <> \"'");
  CHECK(decode_entities("号&#58;&colon;&#x3A;&#xFF1A;&#65306;") ==
        "号:::：：");
  CHECK(decode_entities("&nbsp;&ensp;&emsp;&thinsp;") ==
        "\xC2\xA0\xE2\x80\x82\xE2\x80\x83\xE2\x80\x89");
  CHECK(decode_entities("&#20339;&#x1F50C;") == "佳\xF0\x9F\x94\x8C");
  // Invalid code points become U+FFFD; unknown or unterminated ones stay.
  CHECK(decode_entities("&#0;&#xD800;&#x110000;") ==
        "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD");
  CHECK(decode_entities("&middot; &amp &#; &#x; &#12a; & ;") ==
        "&middot; &amp &#; &#x; &#12a; & ;");
  CHECK(decode_entities("&&amp;") == "&&");
}

TEST_CASE("spaces of every width are squeezed or stripped", "[source][html]") {
  // ASCII, NBSP, EN SPACE, EM SPACE, IDEOGRAPHIC SPACE, BOM.
  const std::string text =
      " \t表\xC2\xA0\xE2\x80\x82名\xE2\x80\x83称\xE3\x80\x80:\n\xEF\xBB\xBF";
  CHECK(squeeze_spaces(text) == "表 名 称 :");
  CHECK(strip_spaces(text) == "表名称:");
  CHECK(squeeze_spaces("") == "");
  CHECK(strip_spaces(" \xC2\xA0 ") == "");
  CHECK(squeeze_spaces("52.36") == "52.36");
}

TEST_CASE("ASCII case folding leaves other bytes alone", "[source][html]") {
  using ebill::source::equals_ascii_ignore_case;
  using ebill::source::find_ascii_ignore_case;
  CHECK(equals_ascii_ignore_case("KWH", "kWh"));
  CHECK(equals_ascii_ignore_case("元/kWh", "元/KWH"));
  CHECK_FALSE(equals_ascii_ignore_case("kWh ", "kWh"));
  CHECK(find_ascii_ignore_case("Request BLOCKED", "blocked") == 8u);
  CHECK(find_ascii_ignore_case("</TITLE></title>", "</title", 1) == 8u);
  CHECK(find_ascii_ignore_case("block", "blocked") == std::string_view::npos);
  CHECK(find_ascii_ignore_case("", "") == 0u);
  CHECK(find_ascii_ignore_case("ab", "b", 5) == std::string_view::npos);
}

TEST_CASE("excerpt keeps UTF-8 whole and marks a cut", "[source][html]") {
  CHECK(excerpt("剩余电量", 10) == "剩余电量");
  CHECK(excerpt("剩余电量", 2) == "剩余...");
  CHECK(excerpt("a\xB5\xE7z", 10) == "a??z");
  CHECK(excerpt("\xE5\x89", 10) == "??");
  CHECK(excerpt("", 3) == "");
}

TEST_CASE("tokenize_html reads tags in any case and quoting", "[source][html]") {
  const auto t = tokenize_html(
      "<DIV Class=item><Label ID='metid' style=\"a>b\" data-x=1 checked>"
      "1&#50;3</LABEL></div>");
  REQUIRE(t.size() == 5);
  CHECK(t[0].is_start("div"));
  CHECK(t[0].attribute("class") == std::string_view("item"));
  CHECK(t[1].is_start("label"));
  CHECK(t[1].attribute("id") == std::string_view("metid"));
  CHECK(t[1].attribute("style") == std::string_view("a>b"));
  CHECK(t[1].attribute("data-x") == std::string_view("1"));
  CHECK(t[1].attribute("checked") == std::string_view(""));
  CHECK_FALSE(t[1].attribute("class").has_value());
  CHECK(t[2].kind == HtmlToken::Kind::kText);
  CHECK(t[2].text == "123");
  CHECK(t[3].is_end("label"));
  CHECK(t[4].is_end("div"));
}

TEST_CASE("tokenize_html drops comments, scripts and cut-off tags",
          "[source][html]") {
  const auto t = tokenize_html(
      "<!DOCTYPE html><!-- <span>x:</span> --><script>var s='<span>';"
      "</script><title>a<b</title>1 < 2<span class=\"cut");
  REQUIRE(t.size() == 6);
  CHECK(t[0].is_start("script"));
  CHECK(t[1].is_end("script"));
  CHECK(t[2].is_start("title"));
  CHECK(t[3].text == "a<b");
  CHECK(t[4].is_end("title"));
  CHECK(t[5].text == "1 < 2");  // a '<' that opens no tag is text
  CHECK(tokenize_html("<!-- never closed <span>").empty());
  CHECK(tokenize_html("<").size() == 1);
}

TEST_CASE("find_labelled_blocks pairs label, value and unit", "[source][html]") {
  const auto blocks = find_labelled_blocks(tokenize_html(
      "<div><span>剩余电量：</span>\n <label>52.36</label> <span>kWh</span></div>"
      "<div><span>表&ensp;号&#58;</span><label>1</label><span>剩余金额:</span>"
      "<label>2.00</label></div>"
      "<div><span>综合费用:</span><b>0.60</b><span>元/kWh</span></div>"
      "<div><span>note</span><label>9</label></div>"));
  REQUIRE(blocks.size() == 4);
  CHECK(blocks[0].label == "剩余电量");
  CHECK(blocks[0].value == std::string("52.36"));
  CHECK(blocks[0].unit == "kWh");
  CHECK(blocks[1].label == "表号");
  CHECK(blocks[1].value == std::string("1"));
  CHECK(blocks[1].unit == "");  // the next span is a label, not a unit
  CHECK(blocks[2].label == "剩余金额");
  CHECK(blocks[2].value == std::string("2.00"));
  CHECK(blocks[3].label == "综合费用");
  CHECK_FALSE(blocks[3].value.has_value());
}
