// Requests in the store: the SQL lives here and nowhere else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Statement.h>

#include "requests/query.h"
#include "requests/request.h"
#include "store/database.h"

namespace ghd {

struct HistoryEntry {
  long long request_id = 0;
  Instant at{};
  std::string actor;
  std::string field;  // "status", "service", ..., "note", "created"
  std::string old_value;
  std::string new_value;
  std::string note;
};

struct ImportRecord {
  std::string file;
  std::string mapping;
  std::string encoding;
  Instant imported_at{};
  std::string actor;
  long long rows_read = 0, rows_new = 0, rows_known = 0, rows_rejected = 0;
};

class RequestStore {
 public:
  explicit RequestStore(Database& db) : db_(db) {}
  Database& database() { return db_; }

  // Inserts a request typed here (no external ref, or a new one); returns its id.
  Result<long long> insert(const Request& r);
  Result<std::optional<Request>> get(long long id);
  // Accepts "R000042" or an external reference such as "AV-2026-004217".
  Result<std::optional<long long>> resolve(const std::string& ref);
  Result<std::vector<Request>> list(const RequestFilter& filter);
  Result<std::vector<HistoryEntry>> history(long long id);

  // Requests in a final state (closed, rejected, cancelled, duplicate), last
  // changed before `cutoff`, that still hold personal data.
  Result<std::vector<long long>> final_with_personal_data_before(Instant cutoff);
  // Within the caller's transaction: removes subject, message, tenant,
  // phone and e-mail of one request.
  void erase_personal_data(long long id, Instant now);

  // Incidents: one collective fault of a building, several requests.
  Result<std::optional<long long>> open_incident(const std::string& building, const std::string& kind,
                                                 Instant opened_since);
  long long create_incident(const std::string& building, const std::string& kind, Instant opened_at,
                            const std::string& summary);
  struct IncidentSummary {
    long long id = 0;
    std::string building, kind, summary;
    Instant opened_at{};
    int tenants = 0;   // distinct reporting tenants (or dwellings when the tenant is unknown)
    int requests = 0;
    std::vector<long long> request_ids;
  };
  // The incidents not closed, oldest first.
  Result<std::vector<IncidentSummary>> open_incidents();

  // Within the caller's transaction: writes the mutable fields and tags.
  // Given the tags it had, only the tags that changed are written.
  void save_changes(const Request& r, const std::vector<std::string>* previous_tags = nullptr);
  void add_history(const HistoryEntry& h);

 private:
  // Statements a batch (the morning triage) runs once per request, prepared
  // once per store.
  SQLite::Statement& prepared(std::optional<SQLite::Statement>& slot, const char* sql);
  Database& db_;
  std::optional<SQLite::Statement> update_, delete_tags_, delete_tag_, insert_tag_, insert_history_, open_incident_;
};

// Fast path for imports: one prepared statement reused for every row, inside
// the caller's transaction. Rows whose external reference is already stored
// are left alone.
class RequestImportWriter {
 public:
  enum class Outcome { inserted, known_same, known_changed };
  explicit RequestImportWriter(Database& db);
  long long begin_import(const ImportRecord& rec);  // returns the import id
  Outcome add(const Request& r, std::int64_t source_hash, long long import_id);
  void finish_import(long long import_id, const ImportRecord& rec);

 private:
  Database& db_;
  SQLite::Statement insert_;
  SQLite::Statement known_;
};

}  // namespace ghd
