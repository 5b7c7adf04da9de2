#include "store/consent_store.h"

#include <SQLiteCpp/Statement.h>

#include "core/text.h"

namespace ghd {

void ConsentStore::grant(const Consent& c) {
  SQLite::Statement q(db_.sql(),
                      "INSERT INTO consents (dwelling, scope, form_ref, granted_at, granted_by) VALUES (?, ?, ?, ?, ?)");
  q.bind(1, c.dwelling);
  q.bind(2, join(c.scope, ","));
  q.bind(3, c.form_ref);
  q.bind(4, static_cast<int64_t>(to_unix(c.granted_at)));
  q.bind(5, c.granted_by);
  q.exec();
}

int ConsentStore::revoke(const std::string& dwelling, const std::string& actor, Instant now) {
  SQLite::Statement q(db_.sql(),
                      "UPDATE consents SET revoked_at = ?, revoked_by = ? WHERE dwelling = ? AND revoked_at IS NULL");
  q.bind(1, static_cast<int64_t>(to_unix(now)));
  q.bind(2, actor);
  q.bind(3, dwelling);
  return q.exec();
}

Result<std::vector<Consent>> ConsentStore::list(const std::string& dwelling) {
  try {
    SQLite::Statement q(db_.sql(),
                        "SELECT id, dwelling, scope, form_ref, granted_at, granted_by, revoked_at, "
                        "coalesce(revoked_by, ''), purged_at FROM consents WHERE (? = '' OR dwelling = ?) "
                        "ORDER BY dwelling, granted_at");
    q.bind(1, dwelling);
    q.bind(2, dwelling);
    std::vector<Consent> out;
    while (q.executeStep()) {
      Consent c;
      c.id = q.getColumn(0).getInt64();
      c.dwelling = q.getColumn(1).getString();
      c.scope = split(q.getColumn(2).getString(), ',');
      c.form_ref = q.getColumn(3).getString();
      c.granted_at = from_unix(q.getColumn(4).getInt64());
      c.granted_by = q.getColumn(5).getString();
      if (!q.getColumn(6).isNull()) c.revoked_at = from_unix(q.getColumn(6).getInt64());
      c.revoked_by = q.getColumn(7).getString();
      if (!q.getColumn(8).isNull()) c.purged_at = from_unix(q.getColumn(8).getInt64());
      out.push_back(std::move(c));
    }
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

void ConsentStore::audit(const AuditEntry& e) {
  SQLite::Statement q(db_.sql(),
                      "INSERT INTO audit (at, actor, action, dwelling, device, reason) VALUES (?, ?, ?, ?, ?, ?)");
  q.bind(1, static_cast<int64_t>(to_unix(e.at)));
  q.bind(2, e.actor);
  q.bind(3, e.action);
  q.bind(4, e.dwelling);
  q.bind(5, e.device);
  q.bind(6, e.reason);
  q.exec();
}

Result<std::vector<AuditEntry>> ConsentStore::audit_log(const std::string& dwelling, Instant since) {
  try {
    SQLite::Statement q(db_.sql(),
                        "SELECT at, actor, action, dwelling, device, reason FROM audit "
                        "WHERE (? = '' OR dwelling = ?) AND at >= ? ORDER BY id");
    q.bind(1, dwelling);
    q.bind(2, dwelling);
    q.bind(3, static_cast<int64_t>(to_unix(since)));
    std::vector<AuditEntry> out;
    while (q.executeStep())
      out.push_back({from_unix(q.getColumn(0).getInt64()), q.getColumn(1).getString(), q.getColumn(2).getString(),
                     q.getColumn(3).getString(), q.getColumn(4).getString(), q.getColumn(5).getString()});
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

long long ConsentStore::purge_revoked_before(Instant cutoff, Instant now) {
  SQLite::Statement due(db_.sql(),
                        "SELECT id, dwelling FROM consents WHERE revoked_at IS NOT NULL AND revoked_at < ? "
                        "AND purged_at IS NULL");
  due.bind(1, static_cast<int64_t>(to_unix(cutoff)));
  std::vector<std::pair<long long, std::string>> consents;
  while (due.executeStep()) consents.emplace_back(due.getColumn(0).getInt64(), due.getColumn(1).getString());
  long long deleted = 0;
  for (const auto& [id, dwelling] : consents) {
    // A newer consent of the same dwelling still standing keeps its data.
    SQLite::Statement standing(db_.sql(),
                               "SELECT 1 FROM consents WHERE dwelling = ? AND revoked_at IS NULL AND id > ?");
    standing.bind(1, dwelling);
    standing.bind(2, static_cast<int64_t>(id));
    if (!standing.executeStep()) {
      SQLite::Statement count(db_.sql(),
                              "SELECT coalesce(sum(r.count), 0) FROM reading_days r JOIN devices d ON d.id = r.device "
                              "WHERE d.dwelling = ? AND r.metric IN ('motion', 'door')");
      count.bind(1, dwelling);
      count.executeStep();
      deleted += count.getColumn(0).getInt64();
      for (const char* table : {"reading_days", "rollups_hourly", "rollups_daily"}) {
        SQLite::Statement del(db_.sql(), std::string("DELETE FROM ") + table +
                                             " WHERE metric IN ('motion', 'door') AND device IN "
                                             "(SELECT id FROM devices WHERE dwelling = ?)");
        del.bind(1, dwelling);
        del.exec();
      }
    }
    SQLite::Statement mark(db_.sql(), "UPDATE consents SET purged_at = ? WHERE id = ?");
    mark.bind(1, static_cast<int64_t>(to_unix(now)));
    mark.bind(2, static_cast<int64_t>(id));
    mark.exec();
  }
  return deleted;
}

}  // namespace ghd
