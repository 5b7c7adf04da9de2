#include <catch2/catch.hpp>

#include "config/config.h"
#include "core/csv.h"
#include "core/text.h"
#include "helpers.h"
#include "requests/import.h"
#include "requests/serialize.h"
#include "store/request_store.h"

using namespace ghd;
using ghd::test::data_file;
using ghd::test::slurp;
using ghd::test::TempDir;

namespace {

Instant at(const char* iso) { return *parse_instant(iso); }

ImportOptions options() {
  ImportOptions o;
  o.actor = "test";
  o.now = at("2026-12-01T07:00:00+01:00");
  return o;
}

Status import_file(Database& db, const std::string& path, ImportReport& report, ImportOptions o = options()) {
  return import_requests(db, path, slurp(path), virtual_agency_mapping(), o, report);
}

std::vector<Request> all(Database& db) {
  RequestStore store(db);
  return *store.list({});
}

// The file's rows as the reader sees them, decoded, by external ref.
std::map<std::string, std::vector<std::string>> source_rows(const std::string& path) {
  auto decoded = decode_to_utf8(slurp(path), Encoding::automatic);
  REQUIRE(decoded.ok());
  CsvReader csv(decoded->text, ';');
  std::vector<std::string> f;
  std::map<std::string, std::vector<std::string>> out;
  REQUIRE(csv.next(f) == CsvReader::Next::record);
  while (csv.next(f) == CsvReader::Next::record) out[f[0]] = f;
  return out;
}

}  // namespace

TEST_CASE("import -> list -> export keeps every field, accents and line breaks included") {
  TempDir dir;
  auto db = Database::open(dir.file("ghd.db"));
  REQUIRE(db.ok());
  ImportReport report;
  REQUIRE(import_file(**db, data_file("va-good.csv"), report).ok());
  CHECK(report.inserted == 4);
  CHECK(report.encoding == Encoding::utf8);

  const auto requests = all(**db);
  REQUIRE(requests.size() == 4);
  auto exported = render_requests(requests, "csv");
  REQUIRE(exported.ok());
  CsvReader csv(*exported, ',');
  std::vector<std::string> header, row;
  REQUIRE(csv.next(header) == CsvReader::Next::record);
  auto col = [&](const char* name) {
    return size_t(std::find(header.begin(), header.end(), name) - header.begin());
  };
  const auto source = source_rows(data_file("va-good.csv"));
  int compared = 0;
  while (csv.next(row) == CsvReader::Next::record) {
    const auto& src = source.at(row[col("external_ref")]);
    auto unsafe = [](std::string s) { return (!s.empty() && s[0] == '\'') ? s.substr(1) : s; };
    CHECK(row[col("category")] == std::string(find_term(kCategories, src[3])->id));
    CHECK(row[col("channel")] == "web");
    CHECK(unsafe(row[col("subject")]) == src[4]);
    CHECK(row[col("message")] == src[5]);
    CHECK(row[col("tenant")] == src[6]);
    CHECK(row[col("dwelling")] == src[7]);
    CHECK(row[col("agency")] == src[8]);
    CHECK(unsafe(row[col("phone")]) == normalise_phone(src[9]));
    CHECK(row[col("email")] == ascii_lower(src[10]));
    auto received = parse_instant(row[col("received_at")]);
    REQUIRE(received.ok());
    CHECK(to_unix(*received) == to_unix(*parse_french_datetime(src[1])));
    ++compared;
  }
  CHECK(compared == 4);

  // The multi-line message with accents and a semicolon survives as is.
  const auto& first = requests[size_t(std::find_if(requests.begin(), requests.end(), [](const Request& r) {
                                        return r.external_ref == "AV-2026-000001";
                                      }) - requests.begin())];
  CHECK(first.message == "Radiateurs froids depuis dimanche.\nIl fait 15 °C; j'ai un bébé.");
  CHECK(first.phone == "+33612345678");
  CHECK(first.email == "tenant@example.fr");
  CHECK(first.building == "FO-B12");
  CHECK(format_iso(first.received_at) == "2026-11-30T06:05:00+01:00");

  // JSON keeps them too.
  auto json = nlohmann::json::parse(*render_requests(requests, "json"));
  bool found = false;
  for (const auto& j : json)
    if (j["external_ref"] == "AV-2026-000002") {
      CHECK(j["message"] == "Présence de « blattes » dans la cuisine, le voisin dit \"c'est normal\"");
      found = true;
    }
  CHECK(found);
}

TEST_CASE("a Windows-1252 export imports to the same requests as its UTF-8 twin") {
  TempDir dir;
  auto utf8_db = Database::open(dir.file("a.db"));
  auto cp_db = Database::open(dir.file("b.db"));
  ImportReport a, b;
  REQUIRE(import_file(**utf8_db, data_file("va-good.csv"), a).ok());
  REQUIRE(import_file(**cp_db, data_file("va-good-cp1252.csv"), b).ok());
  CHECK(b.encoding == Encoding::windows1252);
  const auto x = all(**utf8_db), y = all(**cp_db);
  REQUIRE(x.size() == y.size());
  for (size_t i = 0; i < x.size(); ++i) {
    CHECK(x[i].external_ref == y[i].external_ref);
    CHECK(x[i].message == y[i].message);
    CHECK(x[i].subject == y[i].subject);
    CHECK(x[i].agency == y[i].agency);
    CHECK(x[i].received_at == y[i].received_at);
  }
  // And importing the other twin changes nothing: same requests.
  ImportReport again;
  REQUIRE(import_file(**utf8_db, data_file("va-good-cp1252.csv"), again).ok());
  CHECK(again.inserted == 0);
  CHECK(again.known == 4);
  CHECK(again.changed_upstream == 0);
}

TEST_CASE("importing the same file twice changes nothing the second time") {
  TempDir dir;
  auto db = Database::open(dir.file("ghd.db"));
  ImportReport first, second;
  REQUIRE(import_file(**db, data_file("va-good.csv"), first).ok());
  const auto before = all(**db);
  REQUIRE(import_file(**db, data_file("va-good.csv"), second).ok());
  CHECK(second.inserted == 0);
  CHECK(second.known == 4);
  const auto after = all(**db);
  REQUIRE(before.size() == after.size());
  for (size_t i = 0; i < before.size(); ++i) CHECK(before[i].updated_at == after[i].updated_at);
}

TEST_CASE("every kind of bad file is refused with its line, leaving the database unchanged") {
  struct Case {
    const char* file;
    size_t line;
    const char* reason;
  };
  const Case cases[] = {
      {"va-bad-date.csv", 4, "invalid time '31/02/2026 10:00'"},
      {"va-bad-category.csv", 4, "unknown category 'Plomberie'"},
      {"va-bad-missing-column.csv", 4, "expected 11 fields, found 8"},
      {"va-bad-nul.csv", 4, "NUL byte"},
      {"va-bad-quote.csv", 7, "unterminated quoted field"},
  };
  for (const auto& c : cases) {
    SECTION(c.file) {
      TempDir dir;
      auto db = Database::open(dir.file("ghd.db"));
      ImportReport seed;
      REQUIRE(import_file(**db, data_file("va-good-cp1252.csv"), seed).ok());
      const auto before = all(**db);
      ImportReport report;
      const Status s = import_file(**db, data_file(c.file), report);
      CHECK(s.code() == ExitCode::data_error);
      REQUIRE(report.errors.size() == 1);
      CHECK(report.errors[0].line == c.line);
      CHECK_THAT(report.errors[0].message, Catch::Contains(c.reason));
      CHECK(all(**db).size() == before.size());
      RequestStore store(**db);
      CHECK_FALSE(*store.resolve("AV-2026-000010"));
    }
  }
  SECTION("a header without a mapped column") {
    TempDir dir;
    auto db = Database::open(dir.file("ghd.db"));
    ImportReport report;
    const Status s = import_file(**db, data_file("va-bad-header.csv"), report);
    CHECK(s.code() == ExitCode::data_error);
    CHECK_THAT(s.message(), Catch::Contains(":1: missing column 'Courriel'"));
    CHECK(all(**db).empty());
  }
}

TEST_CASE("--skip-invalid imports the good rows and writes the bad ones unchanged") {
  TempDir dir;
  auto db = Database::open(dir.file("ghd.db"));
  ImportOptions o = options();
  o.skip_invalid = true;
  o.reject_file = dir.file("rejects.csv");
  ImportReport report;
  const std::string source = data_file("va-bad-date.csv");
  REQUIRE(import_file(**db, source, report, o).ok());
  CHECK(report.inserted == 4);
  CHECK(report.rejected == 1);
  CHECK(report.committed);
  const std::string rejects = slurp(dir.file("rejects.csv"));
  const std::string original = slurp(source);
  // The header and the bad line, byte for byte.
  const std::string header = original.substr(0, original.find('\n') + 1);
  CHECK(rejects == header + "AV-2026-000010;31/02/2026 10:00;Agence virtuelle;Autre;Objet;Texte;L1;FO-B01-0101;Agence;;\n");
}

TEST_CASE("--dry-run counts without writing") {
  TempDir dir;
  auto db = Database::open(dir.file("ghd.db"));
  ImportOptions o = options();
  o.dry_run = true;
  ImportReport report;
  REQUIRE(import_file(**db, data_file("va-good.csv"), report, o).ok());
  CHECK(report.inserted == 4);
  CHECK_FALSE(report.committed);
  CHECK(all(**db).empty());
}

TEST_CASE("a configured mapping reads another layout") {
  auto config = parse_config(R"(
import:
  mappings:
    desk:
      separator: ","
      date_format: iso
      channel: phone
      columns: {received_at: Date, category: Type, message: Description, dwelling: Logement}
      values: {category: {Technique: technical}}
)", "ghd.yaml");
  REQUIRE(config.ok());
  TempDir dir;
  auto db = Database::open(dir.file("ghd.db"));
  const std::string file = dir.write("desk.csv",
                                     "Date,Type,Description,Logement\n"
                                     "2026-11-30T08:42:00+01:00,Technique,Plus de chauffage,FO-B11-0402\n"
                                     "2026-11-30T09:00:00+01:00,Nuisibles,Cafards,FO-B11-0403\n");
  ImportReport report;
  auto mapping = config->mapping("desk");
  REQUIRE(mapping.ok());
  REQUIRE(import_requests(**db, file, slurp(file), *mapping, options(), report).ok());
  CHECK(report.inserted == 2);
  const auto rs = all(**db);
  CHECK(rs[0].category == "technical");
  CHECK(rs[0].channel == "phone");
  CHECK(rs[1].category == "pests");
  // No numbers in that file: the content identifies a row, so a second
  // import is still a no-op.
  ImportReport again;
  REQUIRE(import_requests(**db, file, slurp(file), *mapping, options(), again).ok());
  CHECK(again.inserted == 0);
}
