#include <catch2/catch.hpp>

#include "core/csv.h"
#include "core/encoding.h"
#include "core/table.h"
#include "core/text.h"

using namespace ghd;

TEST_CASE("folding ignores case, accents, ligatures and typographic marks") {
  CHECK(fold("Cœur  d’Été") == "coeur d'ete");
  CHECK(fold("ÇA SENT LE GAZ") == "ca sent le gaz");
  CHECK(fold("  fuite\n\td'eau ") == "fuite d'eau");
  CHECK(fold("«Ascenseur»—HS") == "\"ascenseur\"-hs");
}

TEST_CASE("one_line cuts on code points, not bytes") {
  CHECK(one_line("été\nhiver", 20) == "été hiver");
  CHECK(one_line("ééééé", 3) == "éé…");
  CHECK(display_width("éé…") == 3);
}

TEST_CASE("Windows-1252 becomes UTF-8") {
  CHECK(windows1252_to_utf8("caf\xE9") == "café");
  CHECK(windows1252_to_utf8("\x80 \x9C\x92") == "€ œ’");
  CHECK(find_invalid_utf8("café") == std::string::npos);
  CHECK(find_invalid_utf8("caf\xE9 ok") == 3);
  CHECK(find_invalid_utf8("\xC0\xAF") == 0);  // overlong
}

TEST_CASE("decoding detects the encoding or reports where UTF-8 breaks") {
  auto bom = decode_to_utf8("\xEF\xBB\xBF" "abc", Encoding::automatic);
  REQUIRE(bom.ok());
  CHECK(bom->text == "abc");
  CHECK(bom->encoding == Encoding::utf8);
  auto legacy = decode_to_utf8("r\xE9sum\xE9", Encoding::automatic);
  REQUIRE(legacy.ok());
  CHECK(legacy->encoding == Encoding::windows1252);
  CHECK(legacy->text == "résumé");
  auto strict = decode_to_utf8("ok\nab\xE9", Encoding::utf8);
  REQUIRE_FALSE(strict.ok());
  CHECK(strict.status().message().rfind("2:3: invalid UTF-8", 0) == 0);
}

TEST_CASE("CSV fields: quotes, separators, doubled quotes, line breaks, CRLF") {
  const std::string text = "a;b;c\r\n\"x;y\";\"say \"\"hi\"\"\";\"two\r\nlines\"\r\nplain;;end\n";
  CsvReader csv(text, ';');
  std::vector<std::string> f;
  REQUIRE(csv.next(f) == CsvReader::Next::record);
  CHECK(f == std::vector<std::string>{"a", "b", "c"});
  REQUIRE(csv.next(f) == CsvReader::Next::record);
  CHECK(csv.line() == 2);
  CHECK(f == std::vector<std::string>{"x;y", "say \"hi\"", "two\r\nlines"});
  REQUIRE(csv.next(f) == CsvReader::Next::record);
  CHECK(csv.line() == 4);
  CHECK(f == std::vector<std::string>{"plain", "", "end"});
  CHECK(csv.raw() == "plain;;end\n");
  CHECK(csv.next(f) == CsvReader::Next::end);
}

TEST_CASE("CSV errors name the line and column") {
  std::vector<std::string> f;
  {
    CsvReader csv("a;b\n\"open;x\nmore\n", ';');
    REQUIRE(csv.next(f) == CsvReader::Next::record);
    REQUIRE(csv.next(f) == CsvReader::Next::error);
    CHECK(csv.line() == 2);
    CHECK(csv.error() == "unterminated quoted field");
    CHECK(csv.next(f) == CsvReader::Next::end);
  }
  {
    const std::string nul = std::string("a;b\nx;y\x00z\nok;ok\n", 15);
    CsvReader csv(nul, ';');
    REQUIRE(csv.next(f) == CsvReader::Next::record);
    REQUIRE(csv.next(f) == CsvReader::Next::error);
    CHECK(csv.line() == 2);
    CHECK(csv.column() == 4);
    CHECK(csv.error() == "NUL byte in field");
    REQUIRE(csv.next(f) == CsvReader::Next::record);  // resynchronised
    CHECK(csv.line() == 3);
    CHECK(f[0] == "ok");
  }
  {
    CsvReader csv("\"a\"b;c\n", ';');
    REQUIRE(csv.next(f) == CsvReader::Next::error);
    CHECK(csv.column() == 4);
  }
}

TEST_CASE("CSV output quotes when needed and neutralises formulas") {
  CHECK(csv_field("plain") == "plain");
  CHECK(csv_field("a,b") == "\"a,b\"");
  CHECK(csv_field("say \"x\"") == "\"say \"\"x\"\"\"");
  CHECK(csv_field("two\nlines") == "\"two\nlines\"");
  CHECK(csv_safe_field("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
  CHECK(csv_safe_field("+33612345678") == "'+33612345678");
  CHECK(csv_safe_field("-1") == "'-1");
  CHECK(csv_safe_field("@SUM(A1)") == "'@SUM(A1)");
  CHECK(csv_safe_field("ok=1") == "ok=1");
}

TEST_CASE("tables align on code points") {
  Table t({"A", "B"});
  t.add({"é", "x"});
  t.add({"long", "y"});
  CHECK(t.render() == "A     B\né     x\nlong  y\n");
}
