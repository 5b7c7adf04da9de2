#include "store/database.h"

#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Statement.h>

#include "core/text.h"
#include "store/schema.h"

namespace ghd {

namespace {
constexpr int kBusyTimeoutMs = 30000;  // a cron job and a person both get through

// ghd_fold(text): the folding of core/text.h, so that text filters in SQL
// ignore case and accents exactly as the rest of ghd does.
void sql_fold(sqlite3_context* ctx, int, sqlite3_value** argv) {
  const auto* text = sqlite3_value_text(argv[0]);
  if (!text) {
    sqlite3_result_null(ctx);
    return;
  }
  const std::string out = fold(reinterpret_cast<const char*>(text));
  sqlite3_result_text(ctx, out.data(), int(out.size()), SQLITE_TRANSIENT);
}
}  // namespace

Status sqlite_status(const SQLite::Exception& e, const std::string& context) {
  const std::string msg = context.empty() ? e.what() : fmt::format("{}: {}", context, e.what());
  switch (e.getErrorCode()) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Status::TempFail(msg + " (the database is busy; try again later)");
    case SQLITE_FULL:
    case SQLITE_IOERR:
      return Status::IoError(msg);
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
      return Status::IoError(msg);
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return Status::DataError(msg);
    default:
      return Status::Internal(msg);
  }
}

Database::Database(const std::string& path, int flags) : db_(path, flags, kBusyTimeoutMs), path_(path) {}

Result<std::unique_ptr<Database>> Database::open(const std::string& path, Mode mode) {
  // SQLite's memory statistics take a global mutex on every allocation; ghd
  // never reads them. This must come before SQLite initialises, once.
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return true;
  }();
  (void)configured;
  if (path.empty()) return Status::Config("no database: give --db, set GHD_DB or 'database' in the config");
  if (mode == Mode::must_exist && !std::filesystem::exists(path))
    return Status::NoInput(fmt::format("{}: no such database", path));
  try {
    // A connection is only ever used by one thread at a time: no mutex.
    int flags = SQLite::OPEN_NOMUTEX | SQLite::OPEN_READWRITE;
    if (mode == Mode::create) flags |= SQLite::OPEN_CREATE;
    else if (::access(path.c_str(), W_OK) != 0) flags = SQLite::OPEN_NOMUTEX | SQLite::OPEN_READONLY;
    std::unique_ptr<Database> db(new Database(path, flags));
    db->db_.exec("PRAGMA foreign_keys = ON");
    sqlite3_create_function_v2(db->db_.getHandle(), "ghd_fold", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
                               nullptr, sql_fold, nullptr, nullptr, nullptr);
    if (flags & SQLite::OPEN_READWRITE) {
      // WAL: readers never block the writer; NORMAL sync is durable across
      // process crashes and keeps the database consistent on power loss.
      db->db_.exec("PRAGMA journal_mode = WAL");
      db->db_.exec("PRAGMA synchronous = NORMAL");
      GHD_TRY(db->migrate());
    } else if (db->schema_version() != latest_schema_version()) {
      return Status::Config(fmt::format("{}: schema version {} and this ghd's ({}) differ, and the file is "
                                        "read-only", path, db->schema_version(), latest_schema_version()));
    }
    return db;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, path);
  }
}

int Database::schema_version() { return db_.execAndGet("PRAGMA user_version").getInt(); }

int Database::latest_schema_version() { return int(schema_migrations().size()); }

Status Database::migrate() {
  const auto& migrations = schema_migrations();
  int version = schema_version();
  if (version > int(migrations.size()))
    return Status::Config(fmt::format("{}: schema version {} is newer than this ghd knows ({})", path_,
                                      version, migrations.size()));
  while (version < int(migrations.size())) {
    WriteTransaction tx(db_);
    // Another process may have migrated while we waited for the lock.
    version = schema_version();
    if (version >= int(migrations.size())) break;
    db_.exec(std::string(migrations[size_t(version)]));
    db_.exec(fmt::format("PRAGMA user_version = {}", version + 1));
    tx.commit();
    ++version;
  }
  return Status::Ok();
}

Result<std::vector<std::string>> Database::check() {
  try {
    std::vector<std::string> problems;
    SQLite::Statement integrity(db_, "PRAGMA integrity_check");
    while (integrity.executeStep()) {
      const std::string line = integrity.getColumn(0).getString();
      if (line != "ok") problems.push_back("integrity: " + line);
    }
    SQLite::Statement fk(db_, "PRAGMA foreign_key_check");
    while (fk.executeStep())
      problems.push_back(fmt::format("foreign key: {} row {} refers to a missing {}",
                                     fk.getColumn(0).getString(), fk.getColumn(1).getInt64(),
                                     fk.getColumn(2).getString()));
    return problems;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, path_);
  }
}

Status Database::backup_to(const std::string& dest) {
  const std::string tmp = fmt::format("{}.tmp-{}", dest, ::getpid());
  try {
    {
      SQLite::Database out(tmp, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      SQLite::Backup backup(out, db_);
      // Small steps release the read lock between them so writers go on;
      // a write by another connection restarts the copy, which is what
      // guarantees a consistent snapshot.
      int rc = SQLITE_OK;
      do {
        rc = backup.executeStep(256);
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite3_sleep(20);
      } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
      out.exec("PRAGMA journal_mode = DELETE");
    }
    std::filesystem::rename(tmp, dest);
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    std::remove(tmp.c_str());
    return sqlite_status(e, "backup to " + dest);
  } catch (const std::filesystem::filesystem_error& e) {
    std::remove(tmp.c_str());
    return Status::IoError(fmt::format("backup to {}: {}", dest, e.what()));
  }
}

BulkWriteMode::BulkWriteMode(Database& db) : db_(db) {
  // Exclusive locking first: once the import's transaction starts, other
  // processes wait on their busy timeout before taking any lock, so none can
  // hold a shared lock that the import would have to wait for (a deadlock
  // SQLite breaks by failing one side at once).
  try {
    db_.sql().exec("PRAGMA locking_mode = EXCLUSIVE");
    active_ = db_.sql().execAndGet("PRAGMA journal_mode = DELETE").getString() == "delete";
  } catch (const SQLite::Exception&) {
    active_ = false;  // others are using it: stay in WAL
  }
  if (!active_) {
    try {
      db_.sql().exec("PRAGMA locking_mode = NORMAL");
    } catch (const SQLite::Exception&) {
    }
  }
}

BulkWriteMode::~BulkWriteMode() {
  if (!active_) return;
  try {
    db_.sql().exec("PRAGMA locking_mode = NORMAL");
    db_.sql().execAndGet("PRAGMA journal_mode = WAL");
  } catch (const SQLite::Exception&) {
    // The next open sets WAL again; nothing is lost meanwhile.
  }
}

SQLite::Statement& prepared_once(std::optional<SQLite::Statement>& slot, SQLite::Database& db, const char* sql) {
  if (!slot) slot.emplace(db, sql);
  slot->reset();
  slot->clearBindings();
  return *slot;
}

WriteTransaction::WriteTransaction(SQLite::Database& db, Lock lock) : db_(db) {
  db_.exec(lock == Lock::exclusive ? "BEGIN EXCLUSIVE" : "BEGIN IMMEDIATE");
}

WriteTransaction::~WriteTransaction() {
  if (open_) {
    try {
      db_.exec("ROLLBACK");
    } catch (...) {
      // Nothing to do: SQLite rolls back an abandoned transaction itself.
    }
  }
}

void WriteTransaction::commit() {
  db_.exec("COMMIT");
  open_ = false;
}

void WriteTransaction::rollback() {
  db_.exec("ROLLBACK");
  open_ = false;
}

}  // namespace ghd
