// The device registry, as the installer sends it:
//   device_id,kind,model,dwelling,room,installed_at,friendly_name
// Building-level devices have no dwelling and carry "building:FO-B12" in room.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"

namespace ghd {

struct RegistryImportReport {
  long long devices = 0;
  std::vector<std::string> errors;  // "file:line: reason"
};

// Imports the whole file or nothing; devices are inserted or updated by id.
Status import_registry(Database& db, const std::string& file, const std::string& bytes, RegistryImportReport& report);

}  // namespace ghd
