#include "store/stock_store.h"

#include <fmt/format.h>

namespace ghd {

namespace {

struct KindSql {
  const char* kind;
  const char* upsert;
  const char* select;
};

constexpr KindSql kKinds[] = {
    {"agencies",
     "INSERT INTO agencies (id, name, address) VALUES (?, ?, ?) "
     "ON CONFLICT(id) DO UPDATE SET name = excluded.name, address = excluded.address",
     "SELECT id, name, address FROM agencies ORDER BY id"},
    {"buildings",
     "INSERT INTO buildings (id, agency_id, address, district) VALUES (?, NULLIF(?, ''), ?, ?) "
     "ON CONFLICT(id) DO UPDATE SET agency_id = excluded.agency_id, address = excluded.address, "
     "district = excluded.district",
     "SELECT id, coalesce(agency_id, ''), address, district FROM buildings ORDER BY id"},
    {"dwellings",
     "INSERT INTO dwellings (id, building_id, floor, number, connected) VALUES (?, ?, NULLIF(?, ''), ?, ?) "
     "ON CONFLICT(id) DO UPDATE SET building_id = excluded.building_id, floor = excluded.floor, "
     "number = excluded.number, connected = excluded.connected",
     "SELECT id, building_id, coalesce(floor, ''), number, connected FROM dwellings ORDER BY id"},
    {"tenants",
     "INSERT INTO tenants (id, dwelling_id, elderly, vulnerable) VALUES (?, NULLIF(?, ''), ?, ?) "
     "ON CONFLICT(id) DO UPDATE SET dwelling_id = excluded.dwelling_id, elderly = excluded.elderly, "
     "vulnerable = excluded.vulnerable",
     "SELECT id, coalesce(dwelling_id, ''), elderly, vulnerable FROM tenants ORDER BY id"},
};

const KindSql* find_kind(const std::string& kind) {
  for (const auto& k : kKinds)
    if (kind == k.kind) return &k;
  return nullptr;
}

}  // namespace

void StockStore::upsert(const std::string& kind, const std::vector<std::string>& row) {
  const KindSql* k = find_kind(kind);
  if (!k) throw std::invalid_argument("unknown stock kind " + kind);
  SQLite::Statement q(db_.sql(), k->upsert);
  for (size_t i = 0; i < row.size(); ++i) q.bind(int(i + 1), row[i]);
  q.exec();
}

std::optional<std::string> StockStore::building_of_dwelling(const std::string& dwelling) {
  if (!building_of_) building_of_.emplace(db_.sql(), "SELECT building_id FROM dwellings WHERE id = ?");
  auto& q = *building_of_;
  q.bind(1, dwelling);
  std::optional<std::string> out;
  if (q.executeStep()) out = q.getColumn(0).getString();
  q.reset();
  return out;
}

std::optional<std::string> StockStore::agency_of_building(const std::string& building) {
  SQLite::Statement q(db_.sql(), "SELECT a.name FROM buildings b JOIN agencies a ON a.id = b.agency_id WHERE b.id = ?");
  q.bind(1, building);
  if (q.executeStep()) return q.getColumn(0).getString();
  return std::nullopt;
}

Result<std::unordered_map<std::string, std::string>> StockStore::dwelling_buildings() {
  try {
    std::unordered_map<std::string, std::string> out;
    SQLite::Statement q(db_.sql(), "SELECT id, building_id FROM dwellings");
    while (q.executeStep()) out.emplace(q.getColumn(0).getString(), q.getColumn(1).getString());
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

Result<std::unordered_map<std::string, TenantFacts>> StockStore::tenant_facts() {
  try {
    std::unordered_map<std::string, TenantFacts> out;
    SQLite::Statement q(db_.sql(), "SELECT id, elderly, vulnerable FROM tenants");
    while (q.executeStep())
      out.emplace(q.getColumn(0).getString(), TenantFacts{q.getColumn(1).getInt() != 0, q.getColumn(2).getInt() != 0});
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

Result<std::vector<StockStore::Connected>> StockStore::connected_dwellings() {
  try {
    std::vector<Connected> out;
    SQLite::Statement q(db_.sql(),
                        "SELECT d.id, d.building_id, EXISTS (SELECT 1 FROM tenants t WHERE t.dwelling_id = d.id AND "
                        "t.elderly) FROM dwellings d WHERE d.connected ORDER BY d.building_id, d.id");
    while (q.executeStep())
      out.push_back({q.getColumn(0).getString(), q.getColumn(1).getString(), q.getColumn(2).getInt() != 0});
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

bool StockStore::empty() {
  return db_.sql().execAndGet("SELECT NOT EXISTS (SELECT 1 FROM dwellings)").getInt() != 0;
}

Result<StockCounts> StockStore::counts() {
  try {
    StockCounts c;
    SQLite::Statement q(db_.sql(),
                        "SELECT (SELECT count(*) FROM agencies), (SELECT count(*) FROM buildings), "
                        "(SELECT count(*) FROM dwellings), (SELECT count(*) FROM dwellings WHERE connected), "
                        "(SELECT count(*) FROM tenants)");
    q.executeStep();
    c.agencies = q.getColumn(0).getInt64();
    c.buildings = q.getColumn(1).getInt64();
    c.dwellings = q.getColumn(2).getInt64();
    c.connected_dwellings = q.getColumn(3).getInt64();
    c.tenants = q.getColumn(4).getInt64();
    return c;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

Result<std::vector<std::vector<std::string>>> StockStore::rows(const std::string& kind) {
  const KindSql* k = find_kind(kind);
  if (!k) return Status::Usage(fmt::format("unknown kind '{}' (expected agencies, buildings, dwellings or tenants)", kind));
  try {
    SQLite::Statement q(db_.sql(), k->select);
    std::vector<std::vector<std::string>> out;
    while (q.executeStep()) {
      std::vector<std::string> row;
      for (int i = 0; i < q.getColumnCount(); ++i) row.push_back(q.getColumn(i).getString());
      out.push_back(std::move(row));
    }
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

}  // namespace ghd
