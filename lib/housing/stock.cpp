#include "housing/stock.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include "core/csv.h"
#include "core/encoding.h"
#include "core/table.h"
#include "core/text.h"
#include <nlohmann/json.hpp>
#include "store/stock_store.h"

namespace ghd {

namespace {

struct StockFormat {
  const char* kind;
  std::vector<std::string> header;
};

const std::vector<StockFormat>& formats() {
  static const std::vector<StockFormat> f = {
      {"agencies", {"agency_id", "name", "address"}},
      {"buildings", {"building_id", "agency_id", "address", "district"}},
      {"dwellings", {"dwelling_id", "building_id", "floor", "number", "connected"}},
      {"tenants", {"tenant_ref", "dwelling_id", "elderly", "vulnerable"}},
  };
  return f;
}

bool is_flag(const std::string& v) { return v == "0" || v == "1"; }

// Checks one row's values; the store's foreign keys check the references.
std::string check_row(const std::string& kind, std::vector<std::string>& row) {
  for (auto& v : row) v = std::string(trim(v));
  if (row[0].empty()) return "empty id";
  if (kind == "agencies" && row[1].empty()) return "empty name";
  if (kind == "dwellings") {
    if (row[1].empty()) return "empty building_id";
    if (!row[2].empty() && row[2].find_first_not_of("-0123456789") != std::string::npos)
      return fmt::format("floor '{}' is not a number", row[2]);
    if (row[4].empty()) row[4] = "0";
    if (!is_flag(row[4])) return fmt::format("connected must be 0 or 1, not '{}'", row[4]);
  }
  if (kind == "tenants") {
    for (size_t i : {size_t(2), size_t(3)}) {
      if (row[i].empty()) row[i] = "0";
      if (!is_flag(row[i])) return fmt::format("{} must be 0 or 1, not '{}'", i == 2 ? "elderly" : "vulnerable", row[i]);
    }
  }
  return {};
}

}  // namespace

Result<std::string> render_stock(const std::string& kind, const std::vector<std::vector<std::string>>& rows,
                                 const std::string& format) {
  const StockFormat* f = nullptr;
  for (const auto& candidate : formats())
    if (kind == candidate.kind) f = &candidate;
  if (!f) return Status::Usage(fmt::format("unknown kind '{}'", kind));
  std::string out;
  if (format == "table") {
    Table t(f->header);
    for (const auto& r : rows) t.add(r);
    return t.render();
  }
  if (format == "csv") {
    out = join(f->header, ",") + "\n";
    for (const auto& r : rows) {
      std::vector<std::string> cells;
      for (const auto& c : r) cells.push_back(csv_safe_field(c));
      out += join(cells, ",") + "\n";
    }
    return out;
  }
  if (format == "json") {
    auto arr = nlohmann::json::array();
    for (const auto& r : rows) {
      nlohmann::json o;
      for (size_t i = 0; i < f->header.size() && i < r.size(); ++i) o[f->header[i]] = r[i];
      arr.push_back(o);
    }
    return arr.dump(2) + "\n";
  }
  return Status::Usage(fmt::format("unknown format '{}'", format));
}

std::string building_from_dwelling_ref(const std::string& dwelling) {
  const auto dash = dwelling.rfind('-');
  return dash == std::string::npos ? std::string() : dwelling.substr(0, dash);
}

Status import_stock(Database& db, const std::string& file, const std::string& raw, bool dry_run,
                    StockImportReport& report) {
  report = StockImportReport{};
  GHD_ASSIGN(decoded, decode_to_utf8(raw, Encoding::automatic));
  const char sep = decoded.text.substr(0, decoded.text.find('\n')).find(';') != std::string::npos ? ';' : ',';
  CsvReader csv(decoded.text, sep);
  std::vector<std::string> fields;
  if (csv.next(fields) != CsvReader::Next::record)
    return Status::DataError(fmt::format("{}:1: no header line", file));
  for (auto& f : fields) f = std::string(trim(f));
  const StockFormat* format = nullptr;
  for (const auto& f : formats())
    if (f.header == fields) format = &f;
  if (!format) {
    std::string known;
    for (const auto& f : formats()) known += fmt::format("\n  {}: {}", f.kind, join(f.header, ","));
    return Status::DataError(fmt::format("{}:1: unknown header '{}'; expected one of:{}", file, join(fields, ","), known));
  }
  report.kind = format->kind;
  try {
    WriteTransaction tx(db.sql());
    StockStore store(db);
    while (true) {
      const auto next = csv.next(fields);
      if (next == CsvReader::Next::end) break;
      if (next == CsvReader::Next::error) {
        report.errors.push_back(fmt::format("{}:{}:{}: {}", file, csv.line(), csv.column(), csv.error()));
        continue;
      }
      if (fields.size() == 1 && trim(fields[0]).empty()) continue;
      ++report.rows;
      if (fields.size() != format->header.size()) {
        report.errors.push_back(fmt::format("{}:{}: expected {} fields, found {}", file, csv.line(),
                                            format->header.size(), fields.size()));
        continue;
      }
      if (auto problem = check_row(report.kind, fields); !problem.empty()) {
        report.errors.push_back(fmt::format("{}:{}: {}", file, csv.line(), problem));
        continue;
      }
      if (!report.errors.empty()) continue;
      try {
        store.upsert(report.kind, fields);
      } catch (const SQLite::Exception& e) {
        if (e.getErrorCode() != SQLITE_CONSTRAINT) throw;
        report.errors.push_back(fmt::format("{}:{}: {} refers to an unknown {}", file, csv.line(), fields[0],
                                            report.kind == "buildings" ? "agency" :
                                            report.kind == "dwellings" ? "building" : "dwelling"));
      }
    }
    if (!report.errors.empty())
      return Status::DataError(fmt::format("{}: refused, {} bad row(s); nothing imported", file, report.errors.size()));
    if (dry_run) tx.rollback();
    else tx.commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db.path());
  }
}

}  // namespace ghd
