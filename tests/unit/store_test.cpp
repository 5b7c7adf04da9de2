#include <catch2/catch.hpp>

#include <SQLiteCpp/Statement.h>

#include "helpers.h"
#include "housing/stock.h"
#include "store/database.h"
#include "store/stock_store.h"

using namespace ghd;
using ghd::test::TempDir;

TEST_CASE("a new database is in WAL mode, migrated, with foreign keys on") {
  TempDir dir;
  auto db = Database::open(dir.file("ghd.db"));
  REQUIRE(db.ok());
  CHECK((*db)->schema_version() == Database::latest_schema_version());
  CHECK((*db)->sql().execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK((*db)->sql().execAndGet("PRAGMA foreign_keys").getInt() == 1);
  CHECK((*db)->check()->empty());
  // Opening again does not migrate twice.
  db->reset();
  auto again = Database::open(dir.file("ghd.db"));
  REQUIRE(again.ok());
  CHECK((*again)->schema_version() == Database::latest_schema_version());
}

TEST_CASE("a database from a newer ghd is refused") {
  TempDir dir;
  {
    auto db = Database::open(dir.file("ghd.db"));
    (*db)->sql().exec("PRAGMA user_version = 999");
  }
  auto db = Database::open(dir.file("ghd.db"));
  REQUIRE_FALSE(db.ok());
  CHECK(db.status().code() == ExitCode::config);
}

TEST_CASE("a missing database is no input for readers, created for writers") {
  TempDir dir;
  CHECK(Database::open(dir.file("none.db"), Database::Mode::must_exist).status().code() == ExitCode::no_input);
  CHECK(Database::open(dir.file("new.db")).ok());
  CHECK(Database::open("").status().code() == ExitCode::config);
}

TEST_CASE("a backup is a consistent, openable copy") {
  TempDir dir;
  auto db = Database::open(dir.file("ghd.db"));
  StockImportReport report;
  REQUIRE(import_stock(**db, "a.csv", "agency_id,name,address\nAG-1,Agence Une,rue\n", false, report).ok());
  REQUIRE((*db)->backup_to(dir.file("copy.db")).ok());
  auto copy = Database::open(dir.file("copy.db"), Database::Mode::must_exist);
  REQUIRE(copy.ok());
  CHECK((*copy)->check()->empty());
  CHECK(StockStore(**copy).counts()->agencies == 1);
}

TEST_CASE("the housing stock imports whole files, by header") {
  TempDir dir;
  auto db = Database::open(dir.file("ghd.db"));
  StockImportReport r;
  REQUIRE(import_stock(**db, "a.csv", "agency_id,name,address\nAG-1,Agence Une,rue\n", false, r).ok());
  CHECK(r.kind == "agencies");
  REQUIRE(import_stock(**db, "b.csv", "building_id,agency_id,address,district\nFO-B01,AG-1,1 rue,FO\n", false, r).ok());
  REQUIRE(import_stock(**db, "d.csv",
                       "dwelling_id,building_id,floor,number,connected\nFO-B01-0101,FO-B01,1,01,1\nFO-B01-0102,FO-B01,1,02,0\n",
                       false, r)
              .ok());
  CHECK(r.rows == 2);
  StockStore stock(**db);
  CHECK(stock.building_of_dwelling("FO-B01-0101") == "FO-B01");
  CHECK_FALSE(stock.building_of_dwelling("FO-B01-0999"));
  // A dwelling in an unknown building: the file is refused whole.
  const Status s = import_stock(**db, "d2.csv",
                                "dwelling_id,building_id,floor,number,connected\nFO-B01-0201,FO-B01,2,01,0\n"
                                "XX-B01-0101,XX-B01,1,01,0\n",
                                false, r);
  CHECK(s.code() == ExitCode::data_error);
  REQUIRE(r.errors.size() == 1);
  CHECK_THAT(r.errors[0], Catch::StartsWith("d2.csv:3: XX-B01-0101 refers to an unknown building"));
  CHECK_FALSE(stock.building_of_dwelling("FO-B01-0201"));
  CHECK(import_stock(**db, "x.csv", "id,name\n1,2\n", false, r).code() == ExitCode::data_error);
  CHECK(stock.counts()->connected_dwellings == 1);
  CHECK(building_from_dwelling_ref("FO-B12-0304") == "FO-B12");
}
