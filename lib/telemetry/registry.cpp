#include "telemetry/registry.h"

#include <fmt/format.h>
#include <set>

#include "core/csv.h"
#include "core/encoding.h"
#include "core/text.h"
#include "housing/stock.h"
#include "store/stock_store.h"
#include "store/telemetry_store.h"

namespace ghd {

Status import_registry(Database& db, const std::string& file, const std::string& bytes, RegistryImportReport& report) {
  report = RegistryImportReport{};
  GHD_ASSIGN(decoded, decode_to_utf8(bytes, Encoding::automatic));
  CsvReader csv(decoded.text, ',');
  std::vector<std::string> f;
  const std::vector<std::string> header = {"device_id", "kind", "model", "dwelling", "room", "installed_at",
                                           "friendly_name"};
  if (csv.next(f) != CsvReader::Next::record) return Status::DataError(fmt::format("{}:1: no header line", file));
  for (auto& x : f) x = std::string(trim(x));
  if (f != header)
    return Status::DataError(fmt::format("{}:1: expected the header {}", file, join(header, ",")));
  try {
    WriteTransaction tx(db.sql());
    TelemetryStore store(db);
    GHD_ASSIGN(buildings, StockStore(db).dwelling_buildings());
    std::set<std::string> ids, names;
    while (true) {
      const auto next = csv.next(f);
      if (next == CsvReader::Next::end) break;
      auto bad = [&](const std::string& why) { report.errors.push_back(fmt::format("{}:{}: {}", file, csv.line(), why)); };
      if (next == CsvReader::Next::error) {
        bad(csv.error());
        continue;
      }
      if (f.size() == 1 && trim(f[0]).empty()) continue;
      if (f.size() != header.size()) {
        bad(fmt::format("expected {} fields, found {}", header.size(), f.size()));
        continue;
      }
      for (auto& x : f) x = std::string(trim(x));
      Device d;
      d.device_id = f[0];
      d.kind = f[1];
      d.model = f[2];
      d.dwelling = f[3];
      d.room = f[4];
      d.friendly_name = f[6];
      if (d.device_id.empty()) { bad("empty device_id"); continue; }
      if (!ids.insert(d.device_id).second) { bad(fmt::format("device '{}' listed twice", d.device_id)); continue; }
      if (!d.friendly_name.empty() && !names.insert(d.friendly_name).second) {
        bad(fmt::format("friendly name '{}' listed twice", d.friendly_name));
        continue;
      }
      if (!find_kind(d.kind)) {
        std::string kinds;
        for (const auto& k : device_kinds()) kinds += (kinds.empty() ? "" : ", ") + std::string(k.name);
        bad(fmt::format("unknown kind '{}' (expected one of: {})", d.kind, kinds));
        continue;
      }
      auto installed = parse_date(f[5]);
      if (!installed.ok()) { bad(fmt::format("installed_at: {}", installed.status().message())); continue; }
      d.installed_on = *installed;
      if (!d.dwelling.empty()) {
        auto b = buildings.find(d.dwelling);
        d.building = b != buildings.end() ? b->second : building_from_dwelling_ref(d.dwelling);
      } else if (d.room.rfind("building:", 0) == 0) {
        d.building = d.room.substr(9);
      } else {
        bad("a device without a dwelling needs room 'building:ID'");
        continue;
      }
      ++report.devices;
      if (report.errors.empty()) store.upsert_device(d);
    }
    if (!report.errors.empty())
      return Status::DataError(fmt::format("{}: refused, {} bad row(s); nothing imported", file, report.errors.size()));
    tx.commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db.path());
  }
}

}  // namespace ghd
