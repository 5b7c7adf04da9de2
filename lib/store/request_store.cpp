#include "store/request_store.h"

#include <algorithm>
#include <fmt/format.h>
#include <sqlite3.h>

#include "core/text.h"

namespace ghd {

namespace {

constexpr const char* kColumns =
    "r.id, r.external_ref, coalesce(r.source, i.mapping), r.received_at, r.channel, r.category, r.subject, r.message, "
    "r.tenant, r.dwelling, r.building, r.agency, r.phone, r.email, r.status, r.service, r.priority, "
    "r.due_at, r.assignee, r.duplicate_of, r.incident_id, coalesce(r.created_at, i.imported_at), "
    "coalesce(r.created_by, i.actor), coalesce(r.updated_at, r.created_at, i.imported_at), "
    "(SELECT group_concat(tag, ',') FROM (SELECT tag FROM request_tags t WHERE t.request_id = r.id ORDER BY tag))";

constexpr const char* kFrom = "requests r LEFT JOIN imports i ON i.id = r.import_id";

Request read_row(SQLite::Statement& q) {
  Request r;
  int c = 0;
  r.id = q.getColumn(c++).getInt64();
  r.external_ref = q.getColumn(c++).getString();
  r.source = q.getColumn(c++).getString();
  r.received_at = from_unix(q.getColumn(c++).getInt64());
  r.channel = q.getColumn(c++).getString();
  r.category = q.getColumn(c++).getString();
  r.subject = q.getColumn(c++).getString();
  r.message = q.getColumn(c++).getString();
  r.tenant = q.getColumn(c++).getString();
  r.dwelling = q.getColumn(c++).getString();
  r.building = q.getColumn(c++).getString();
  r.agency = q.getColumn(c++).getString();
  r.phone = q.getColumn(c++).getString();
  r.email = q.getColumn(c++).getString();
  r.status = q.getColumn(c++).getString();
  r.service = q.getColumn(c++).getString();
  r.priority = q.getColumn(c++).getString();
  if (!q.getColumn(c).isNull()) r.due_at = from_unix(q.getColumn(c).getInt64());
  ++c;
  r.assignee = q.getColumn(c++).getString();
  if (!q.getColumn(c).isNull()) r.duplicate_of = q.getColumn(c).getInt64();
  ++c;
  if (!q.getColumn(c).isNull()) r.incident_id = q.getColumn(c).getInt64();
  ++c;
  r.created_at = from_unix(q.getColumn(c++).getInt64());
  r.created_by = q.getColumn(c++).getString();
  r.updated_at = from_unix(q.getColumn(c++).getInt64());
  const std::string tags = q.getColumn(c++).getString();
  if (!tags.empty()) r.tags = split(tags, ',');
  return r;
}

void bind_optional_text(SQLite::Statement& q, int i, const std::string& s) {
  if (s.empty()) q.bind(i);
  else q.bind(i, s);
}

// Values of a multi-valued filter become "col IN (?, ?, ...)" with one bound
// parameter each: the SQL text depends only on how many there are.
void add_in(std::string& where, std::vector<std::string>& params, const char* column,
            const std::vector<std::string>& values) {
  if (values.empty()) return;
  where += fmt::format(" AND {} IN (", column);
  for (size_t i = 0; i < values.size(); ++i) {
    where += i ? ", ?" : "?";
    params.push_back(values[i]);
  }
  where += ")";
}

}  // namespace

Result<long long> RequestStore::insert(const Request& r) {
  try {
    SQLite::Statement q(db_.sql(),
                        "INSERT INTO requests (external_ref, source, received_at, channel, category, subject, "
                        "message, tenant, dwelling, building, agency, phone, email, status, service, priority, "
                        "due_at, assignee, created_at, created_by, updated_at) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    int i = 1;
    bind_optional_text(q, i++, r.external_ref);
    q.bind(i++, r.source);
    q.bind(i++, static_cast<int64_t>(to_unix(r.received_at)));
    for (const std::string* s : {&r.channel, &r.category, &r.subject, &r.message, &r.tenant, &r.dwelling,
                                 &r.building, &r.agency, &r.phone, &r.email, &r.status, &r.service,
                                 &r.priority})
      q.bind(i++, *s);
    if (r.due_at) q.bind(i++, static_cast<int64_t>(to_unix(*r.due_at)));
    else q.bind(i++);
    q.bind(i++, r.assignee);
    q.bind(i++, static_cast<int64_t>(to_unix(r.created_at)));
    q.bind(i++, r.created_by);
    q.bind(i++, static_cast<int64_t>(to_unix(r.created_at)));
    q.exec();
    const long long id = db_.sql().getLastInsertRowid();
    for (const auto& tag : r.tags) {
      SQLite::Statement t(db_.sql(), "INSERT OR IGNORE INTO request_tags (request_id, tag) VALUES (?, ?)");
      t.bind(1, static_cast<int64_t>(id));
      t.bind(2, tag);
      t.exec();
    }
    return id;
  } catch (const SQLite::Exception& e) {
    if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE)
      return Status::DataError(fmt::format("external reference '{}' is already stored", r.external_ref));
    return sqlite_status(e, db_.path());
  }
}

Result<std::optional<Request>> RequestStore::get(long long id) {
  try {
    SQLite::Statement q(db_.sql(), fmt::format("SELECT {} FROM {} WHERE r.id = ?", kColumns, kFrom));
    q.bind(1, static_cast<int64_t>(id));
    if (!q.executeStep()) return std::optional<Request>();
    return std::optional<Request>(read_row(q));
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

Result<std::optional<long long>> RequestStore::resolve(const std::string& ref) {
  try {
    if (auto id = parse_ref(ref)) {
      SQLite::Statement q(db_.sql(), "SELECT id FROM requests WHERE id = ?");
      q.bind(1, static_cast<int64_t>(*id));
      if (q.executeStep()) return std::optional<long long>(*id);
    }
    SQLite::Statement q(db_.sql(), "SELECT id FROM requests WHERE external_ref = ?");
    q.bind(1, ref);
    if (q.executeStep()) return std::optional<long long>(q.getColumn(0).getInt64());
    return std::optional<long long>();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

Result<std::vector<Request>> RequestStore::list(const RequestFilter& f) {
  std::string where = "1";
  std::vector<std::string> params;
  add_in(where, params, "r.status", f.statuses);
  add_in(where, params, "r.category", f.categories);
  add_in(where, params, "r.service", f.services);
  add_in(where, params, "r.priority", f.priorities);
  add_in(where, params, "r.channel", f.channels);
  if (f.open_only) where += " AND r.status IN ('new', 'triaged', 'forwarded', 'in-progress')";
  if (!f.agency.empty()) {
    where += " AND (r.agency = ? OR r.agency IN (SELECT name FROM agencies WHERE id = ?))";
    params.push_back(f.agency);
    params.push_back(f.agency);
  }
  if (!f.building.empty()) { where += " AND r.building = ?"; params.push_back(f.building); }
  if (!f.dwelling.empty()) { where += " AND r.dwelling = ?"; params.push_back(f.dwelling); }
  if (!f.tenant.empty()) { where += " AND r.tenant = ?"; params.push_back(f.tenant); }
  if (!f.tag.empty()) {
    where += " AND EXISTS (SELECT 1 FROM request_tags t WHERE t.request_id = r.id AND t.tag = ?)";
    params.push_back(f.tag);
  }
  for (const auto& word : split(f.text, ' ')) {
    if (word.empty()) continue;
    where += " AND instr(ghd_fold(r.subject || ' ' || r.message), ?) > 0";
    params.push_back(word);
  }
  std::vector<long long> int_params;
  if (f.since) { where += " AND r.received_at >= ?"; }
  if (f.until) { where += " AND r.received_at < ?"; }
  if (f.overdue_at) {
    where += " AND r.due_at IS NOT NULL AND r.due_at < ? AND r.status IN ('new', 'triaged', 'forwarded', 'in-progress')";
  }
  const char* order = "r.received_at, r.id";
  switch (f.order) {
    case RequestFilter::Order::received: break;
    case RequestFilter::Order::received_desc: order = "r.received_at DESC, r.id DESC"; break;
    case RequestFilter::Order::priority: order = "CASE r.priority WHEN '' THEN 'P9' ELSE r.priority END, r.received_at, r.id"; break;
    case RequestFilter::Order::due: order = "r.due_at IS NULL, r.due_at, r.id"; break;
    case RequestFilter::Order::ref: order = "r.id"; break;
  }
  std::string sql = fmt::format("SELECT {} FROM {} WHERE {} ORDER BY {}", kColumns, kFrom, where, order);
  if (f.limit > 0) sql += " LIMIT ?";
  try {
    SQLite::Statement q(db_.sql(), sql);
    int i = 1;
    for (const auto& p : params) q.bind(i++, p);
    if (f.since) q.bind(i++, static_cast<int64_t>(to_unix(*f.since)));
    if (f.until) q.bind(i++, static_cast<int64_t>(to_unix(*f.until)));
    if (f.overdue_at) q.bind(i++, static_cast<int64_t>(to_unix(*f.overdue_at)));
    if (f.limit > 0) q.bind(i++, static_cast<int64_t>(f.limit));
    std::vector<Request> out;
    while (q.executeStep()) out.push_back(read_row(q));
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

Result<std::vector<HistoryEntry>> RequestStore::history(long long id) {
  try {
    SQLite::Statement q(db_.sql(),
                        "SELECT at, actor, field, old_value, new_value, note FROM request_history "
                        "WHERE request_id = ? ORDER BY id");
    q.bind(1, static_cast<int64_t>(id));
    std::vector<HistoryEntry> out;
    while (q.executeStep()) {
      HistoryEntry h;
      h.request_id = id;
      h.at = from_unix(q.getColumn(0).getInt64());
      h.actor = q.getColumn(1).getString();
      h.field = q.getColumn(2).getString();
      h.old_value = q.getColumn(3).getString();
      h.new_value = q.getColumn(4).getString();
      h.note = q.getColumn(5).getString();
      out.push_back(std::move(h));
    }
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

Result<std::vector<long long>> RequestStore::final_with_personal_data_before(Instant cutoff) {
  try {
    SQLite::Statement q(db_.sql(),
                        "SELECT r.id FROM requests r LEFT JOIN imports i ON i.id = r.import_id "
                        "WHERE r.status IN ('closed', 'rejected', 'cancelled', 'duplicate') "
                        "AND coalesce(r.updated_at, r.created_at, i.imported_at) < ? "
                        "AND (r.subject != '' OR r.message != '' OR r.tenant != '' OR r.phone != '' OR r.email != '') "
                        "ORDER BY r.id");
    q.bind(1, static_cast<int64_t>(to_unix(cutoff)));
    std::vector<long long> out;
    while (q.executeStep()) out.push_back(q.getColumn(0).getInt64());
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

void RequestStore::erase_personal_data(long long id, Instant now) {
  SQLite::Statement q(db_.sql(),
                      "UPDATE requests SET subject = '', message = '', tenant = '', phone = '', email = '', "
                      "updated_at = ? WHERE id = ?");
  q.bind(1, static_cast<int64_t>(to_unix(now)));
  q.bind(2, static_cast<int64_t>(id));
  q.exec();
}

Result<std::optional<long long>> RequestStore::open_incident(const std::string& building, const std::string& kind,
                                                             Instant opened_since) {
  try {
    SQLite::Statement& q = prepared(open_incident_,
                                    "SELECT id FROM incidents WHERE building = ? AND kind = ? AND closed_at IS NULL "
                                    "AND opened_at >= ? ORDER BY opened_at LIMIT 1");
    q.bind(1, building);
    q.bind(2, kind);
    q.bind(3, static_cast<int64_t>(to_unix(opened_since)));
    std::optional<long long> out;
    if (q.executeStep()) out = q.getColumn(0).getInt64();
    q.reset();
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

long long RequestStore::create_incident(const std::string& building, const std::string& kind, Instant opened_at,
                                        const std::string& summary) {
  SQLite::Statement q(db_.sql(), "INSERT INTO incidents (building, kind, opened_at, summary) VALUES (?, ?, ?, ?)");
  q.bind(1, building);
  q.bind(2, kind);
  q.bind(3, static_cast<int64_t>(to_unix(opened_at)));
  q.bind(4, summary);
  q.exec();
  return db_.sql().getLastInsertRowid();
}

Result<std::vector<RequestStore::IncidentSummary>> RequestStore::open_incidents() {
  try {
    SQLite::Statement q(db_.sql(),
                        "SELECT i.id, i.building, i.kind, i.summary, i.opened_at, "
                        "count(DISTINCT CASE WHEN r.tenant != '' THEN r.tenant ELSE r.dwelling END), count(r.id), "
                        "group_concat(r.id) FROM incidents i LEFT JOIN requests r ON r.incident_id = i.id "
                        "WHERE i.closed_at IS NULL GROUP BY i.id ORDER BY i.opened_at, i.id");
    std::vector<IncidentSummary> out;
    while (q.executeStep()) {
      IncidentSummary s;
      s.id = q.getColumn(0).getInt64();
      s.building = q.getColumn(1).getString();
      s.kind = q.getColumn(2).getString();
      s.summary = q.getColumn(3).getString();
      s.opened_at = from_unix(q.getColumn(4).getInt64());
      s.tenants = q.getColumn(5).getInt();
      s.requests = q.getColumn(6).getInt();
      for (const auto& id : split(q.getColumn(7).getString(), ','))
        if (!id.empty()) s.request_ids.push_back(std::stoll(id));
      out.push_back(std::move(s));
    }
    return out;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db_.path());
  }
}

SQLite::Statement& RequestStore::prepared(std::optional<SQLite::Statement>& slot, const char* sql) {
  return prepared_once(slot, db_.sql(), sql);
}

void RequestStore::save_changes(const Request& r, const std::vector<std::string>* previous_tags) {
  SQLite::Statement& q = prepared(update_,
                                  "UPDATE requests SET status = ?, service = ?, priority = ?, due_at = ?, "
                                  "assignee = ?, duplicate_of = ?, incident_id = ?, updated_at = ? WHERE id = ?");
  q.bind(1, r.status);
  q.bind(2, r.service);
  q.bind(3, r.priority);
  if (r.due_at) q.bind(4, static_cast<int64_t>(to_unix(*r.due_at)));
  else q.bind(4);
  q.bind(5, r.assignee);
  if (r.duplicate_of) q.bind(6, static_cast<int64_t>(*r.duplicate_of));
  else q.bind(6);
  if (r.incident_id) q.bind(7, static_cast<int64_t>(*r.incident_id));
  else q.bind(7);
  q.bind(8, static_cast<int64_t>(to_unix(r.updated_at)));
  q.bind(9, static_cast<int64_t>(r.id));
  q.exec();
  auto insert = [&](const std::string& tag) {
    SQLite::Statement& add =
        prepared(insert_tag_, "INSERT OR IGNORE INTO request_tags (request_id, tag) VALUES (?, ?)");
    add.bind(1, static_cast<int64_t>(r.id));
    add.bind(2, tag);
    add.exec();
  };
  if (previous_tags) {
    for (const auto& tag : *previous_tags)
      if (std::find(r.tags.begin(), r.tags.end(), tag) == r.tags.end()) {
        SQLite::Statement& del = prepared(delete_tag_, "DELETE FROM request_tags WHERE request_id = ? AND tag = ?");
        del.bind(1, static_cast<int64_t>(r.id));
        del.bind(2, tag);
        del.exec();
      }
    for (const auto& tag : r.tags)
      if (std::find(previous_tags->begin(), previous_tags->end(), tag) == previous_tags->end()) insert(tag);
    return;
  }
  SQLite::Statement& del = prepared(delete_tags_, "DELETE FROM request_tags WHERE request_id = ?");
  del.bind(1, static_cast<int64_t>(r.id));
  del.exec();
  for (const auto& tag : r.tags) insert(tag);
}

void RequestStore::add_history(const HistoryEntry& h) {
  SQLite::Statement& q = prepared(insert_history_,
                                  "INSERT INTO request_history (request_id, at, actor, field, old_value, new_value, "
                                  "note) VALUES (?, ?, ?, ?, ?, ?, ?)");
  q.bind(1, static_cast<int64_t>(h.request_id));
  q.bind(2, static_cast<int64_t>(to_unix(h.at)));
  q.bind(3, h.actor);
  q.bind(4, h.field);
  q.bind(5, h.old_value);
  q.bind(6, h.new_value);
  q.bind(7, h.note);
  q.exec();
}

RequestImportWriter::RequestImportWriter(Database& db)
    : db_(db),
      insert_(db.sql(),
              "INSERT INTO requests (external_ref, source, received_at, channel, category, subject, message, "
              "tenant, dwelling, building, agency, phone, email, import_id, source_hash) "
              "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(external_ref) DO NOTHING"),
      known_(db.sql(), "SELECT source_hash FROM requests WHERE external_ref = ?") {}

long long RequestImportWriter::begin_import(const ImportRecord& rec) {
  SQLite::Statement q(db_.sql(),
                      "INSERT INTO imports (file, mapping, encoding, imported_at, actor, rows_read, rows_new, "
                      "rows_known, rows_rejected) VALUES (?, ?, ?, ?, ?, 0, 0, 0, 0)");
  q.bind(1, rec.file);
  q.bind(2, rec.mapping);
  q.bind(3, rec.encoding);
  q.bind(4, static_cast<int64_t>(to_unix(rec.imported_at)));
  q.bind(5, rec.actor);
  q.exec();
  return db_.sql().getLastInsertRowid();
}

void RequestImportWriter::finish_import(long long import_id, const ImportRecord& rec) {
  SQLite::Statement q(db_.sql(),
                      "UPDATE imports SET rows_read = ?, rows_new = ?, rows_known = ?, rows_rejected = ? WHERE id = ?");
  q.bind(1, static_cast<int64_t>(rec.rows_read));
  q.bind(2, static_cast<int64_t>(rec.rows_new));
  q.bind(3, static_cast<int64_t>(rec.rows_known));
  q.bind(4, static_cast<int64_t>(rec.rows_rejected));
  q.bind(5, static_cast<int64_t>(import_id));
  q.exec();
}

RequestImportWriter::Outcome RequestImportWriter::add(const Request& r, std::int64_t hash, long long import_id) {
  int i = 1;
  insert_.bindNoCopy(i++, r.external_ref);
  insert_.bind(i++);  // source, created_at and created_by: the import's
  insert_.bind(i++, static_cast<int64_t>(to_unix(r.received_at)));
  for (const std::string* s : {&r.channel, &r.category, &r.subject, &r.message, &r.tenant, &r.dwelling,
                               &r.building, &r.agency, &r.phone, &r.email})
    insert_.bindNoCopy(i++, *s);
  insert_.bind(i++, static_cast<int64_t>(import_id));
  insert_.bind(i++, static_cast<int64_t>(hash));
  const int changed = insert_.exec();
  insert_.reset();
  if (changed) return Outcome::inserted;
  known_.bindNoCopy(1, r.external_ref);
  Outcome out = Outcome::known_same;
  if (known_.executeStep() && !known_.getColumn(0).isNull() && known_.getColumn(0).getInt64() != hash)
    out = Outcome::known_changed;
  known_.reset();
  return out;
}

}  // namespace ghd
