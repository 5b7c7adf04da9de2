// The housing stock ("patrimoine"): agencies contain buildings, buildings
// contain dwellings, dwellings have tenants. Imported from CSV so that the
// other tools can group requests and devices by building and agency.
//
//   agencies.csv   agency_id,name,address
//   buildings.csv  building_id,agency_id,address,district
//   dwellings.csv  dwelling_id,building_id,floor,number,connected
//   tenants.csv    tenant_ref,dwelling_id,elderly,vulnerable
//
// The kind of a file is told by its header. Rows are inserted or updated by
// id; a file is imported whole or not at all.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace ghd {

struct StockImportReport {
  std::string kind;  // agencies, buildings, dwellings or tenants
  long long rows = 0;
  std::vector<std::string> errors;  // "line N: reason"
};

Status import_stock(Database& db, const std::string& file, const std::string& bytes, bool dry_run,
                    StockImportReport& report);

// Rows of one kind (as StockStore::rows gives them) as "table", "csv" or "json".
Result<std::string> render_stock(const std::string& kind, const std::vector<std::vector<std::string>>& rows,
                                 const std::string& format);

// "FO-B12-0304" (district, building, floor and number) -> "FO-B12": what a
// dwelling reference says of its building when the stock does not know it.
std::string building_from_dwelling_ref(const std::string& dwelling);

}  // namespace ghd
