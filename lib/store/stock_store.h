// The housing stock in the store.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include <SQLiteCpp/Statement.h>

#include "requests/request.h"
#include "store/database.h"

namespace ghd {

struct StockCounts {
  long long agencies = 0, buildings = 0, dwellings = 0, connected_dwellings = 0, tenants = 0;
};

class StockStore {
 public:
  explicit StockStore(Database& db) : db_(db) {}
  // Within the caller's transaction; insert or update by id.
  void upsert(const std::string& kind, const std::vector<std::string>& row);
  std::optional<std::string> building_of_dwelling(const std::string& dwelling);
  // The name of the agency that manages a building, as requests carry it.
  std::optional<std::string> agency_of_building(const std::string& building);
  // Every dwelling's building, for imports that look one up per row.
  Result<std::unordered_map<std::string, std::string>> dwelling_buildings();
  bool empty();
  // Every tenant's flags, by tenant reference.
  Result<std::unordered_map<std::string, TenantFacts>> tenant_facts();
  // The connected dwellings (RESPONSE project), whether an elderly tenant
  // lives there, in building and dwelling order.
  struct Connected {
    std::string dwelling, building;
    bool elderly = false;
  };
  Result<std::vector<Connected>> connected_dwellings();
  Result<StockCounts> counts();
  // Rows of one kind, in id order, as strings in the column order of its file.
  Result<std::vector<std::vector<std::string>>> rows(const std::string& kind);

 private:
  Database& db_;
  std::optional<SQLite::Statement> building_of_;  // prepared once: imports ask per row
};

}  // namespace ghd
