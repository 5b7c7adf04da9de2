// Importing export files of requests (the virtual agency's, or any layout
// described by a mapping). A file is imported whole or not at all; with
// skip_invalid, the good rows are imported and the bad ones written,
// byte for byte, to a reject file.
#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "store/database.h"

namespace ghd {

struct ImportOptions {
  Encoding encoding = Encoding::automatic;  // overrides the mapping's when not automatic
  bool dry_run = false;
  bool skip_invalid = false;
  std::string reject_file;  // with skip_invalid; default FILE.rejected.csv
  std::string actor;
  Instant now{};
};

struct ImportProblem {
  size_t line = 0;
  std::string message;
};

struct ImportReport {
  std::string file;
  Encoding encoding = Encoding::utf8;
  long long rows = 0;
  long long inserted = 0;
  long long known = 0;            // already stored, identical
  long long changed_upstream = 0; // already stored, the platform's copy differs; stored one kept
  long long rejected = 0;
  std::vector<ImportProblem> errors;
  std::vector<ImportProblem> warnings;
  std::string reject_file;        // written when rows were set aside
  bool committed = false;
};

// Imports one file's bytes. The returned report is complete even on refusal;
// the Status is a data error when the file was refused.
Status import_requests(Database& db, const std::string& file, std::string_view bytes, const ImportMapping& mapping,
                       const ImportOptions& options, ImportReport& report);

}  // namespace ghd
