// The embedded store: one SQLite file in WAL mode, foreign keys on, a busy
// timeout so that a cron job and a person can write at the same time, and a
// schema migrated forward automatically (PRAGMA user_version).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Exception.h>
#include <SQLiteCpp/Statement.h>

#include "core/status.h"

namespace ghd {

class Database {
 public:
  // must_exist: a missing file is an error (for commands that only read);
  // the file is still opened for writing when allowed, so that a journal
  // left by a killed process can be rolled back and the schema migrated.
  enum class Mode { create, must_exist };
  // Opens and migrates the database at `path`.
  static Result<std::unique_ptr<Database>> open(const std::string& path, Mode mode = Mode::create);

  SQLite::Database& sql() { return db_; }
  const std::string& path() const { return path_; }
  int schema_version();
  static int latest_schema_version();

  // integrity_check and foreign_key_check; each problem found is one line.
  Result<std::vector<std::string>> check();
  // A consistent copy made with the online backup API while others may write;
  // written to a temporary file and renamed, so `dest` is never half-written.
  Status backup_to(const std::string& dest);

 private:
  Database(const std::string& path, int flags);
  Status migrate();
  SQLite::Database db_;
  std::string path_;
};

// Runs statements between BEGIN IMMEDIATE and COMMIT; rolls back when
// destroyed uncommitted. IMMEDIATE takes the write lock up front, so two
// writers queue on the busy timeout instead of failing on a lock upgrade.
class WriteTransaction {
 public:
  // exclusive: readers are kept out too (bulk writes in rollback mode).
  enum class Lock { immediate, exclusive };
  explicit WriteTransaction(SQLite::Database& db, Lock lock = Lock::immediate);
  ~WriteTransaction();
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;
  void commit();
  void rollback();

 private:
  SQLite::Database& db_;
  bool open_ = true;
};

// For one large write (a bulk import): a rollback journal writes each page
// once, where WAL writes it twice (to the log, then at the checkpoint). When
// no other connection has the database open, switch to it for the duration
// and back to WAL after; otherwise stay in WAL. Either way the write stays
// atomic: a process killed mid-way leaves a journal that SQLite rolls back.
class BulkWriteMode {
 public:
  explicit BulkWriteMode(Database& db);
  ~BulkWriteMode();
  BulkWriteMode(const BulkWriteMode&) = delete;
  BulkWriteMode& operator=(const BulkWriteMode&) = delete;
  bool active() const { return active_; }

 private:
  Database& db_;
  bool active_ = false;
};

// A statement prepared the first time it is needed and reused after: for the
// statements a batch runs once per row.
SQLite::Statement& prepared_once(std::optional<SQLite::Statement>& slot, SQLite::Database& db, const char* sql);

// Translates an SQLite failure into a Status with an exit code: busy or
// locked -> retry later, full disk or I/O -> I/O error, corrupt -> data error.
Status sqlite_status(const SQLite::Exception& e, const std::string& context);

}  // namespace ghd
