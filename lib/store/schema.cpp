#include "store/schema.h"

namespace ghd {

const std::vector<std::string_view>& schema_migrations() {
  static const std::vector<std::string_view> migrations = {
      // 1: housing stock, requests, their history, imports and incidents.
      R"sql(
CREATE TABLE agencies (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  address TEXT NOT NULL DEFAULT ''
);
CREATE TABLE buildings (
  id TEXT PRIMARY KEY,
  agency_id TEXT REFERENCES agencies(id),
  address TEXT NOT NULL DEFAULT '',
  district TEXT NOT NULL DEFAULT ''
);
CREATE TABLE dwellings (
  id TEXT PRIMARY KEY,
  building_id TEXT NOT NULL REFERENCES buildings(id),
  floor INTEGER,
  number TEXT NOT NULL DEFAULT '',
  connected INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX dwellings_building ON dwellings(building_id);
-- Least data: a tenant is a reference, a dwelling and the attributes that
-- change how a request is handled; no name, no birth date.
CREATE TABLE tenants (
  id TEXT PRIMARY KEY,
  dwelling_id TEXT REFERENCES dwellings(id),
  elderly INTEGER NOT NULL DEFAULT 0,
  vulnerable INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  mapping TEXT NOT NULL,
  encoding TEXT NOT NULL,
  imported_at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  rows_read INTEGER NOT NULL,
  rows_new INTEGER NOT NULL,
  rows_known INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL
);
CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  building TEXT NOT NULL,
  kind TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  closed_at INTEGER,
  summary TEXT NOT NULL DEFAULT ''
);
CREATE TABLE requests (
  id INTEGER PRIMARY KEY,
  external_ref TEXT UNIQUE,
  source TEXT,
  received_at INTEGER NOT NULL,
  channel TEXT NOT NULL,
  category TEXT NOT NULL,
  subject TEXT NOT NULL DEFAULT '',
  message TEXT NOT NULL DEFAULT '',
  tenant TEXT NOT NULL DEFAULT '',
  dwelling TEXT NOT NULL DEFAULT '',
  building TEXT NOT NULL DEFAULT '',
  agency TEXT NOT NULL DEFAULT '',
  phone TEXT NOT NULL DEFAULT '',
  email TEXT NOT NULL DEFAULT '',
  status TEXT NOT NULL DEFAULT 'new',
  service TEXT NOT NULL DEFAULT '',
  priority TEXT NOT NULL DEFAULT '',
  due_at INTEGER,
  assignee TEXT NOT NULL DEFAULT '',
  duplicate_of INTEGER REFERENCES requests(id),
  incident_id INTEGER REFERENCES incidents(id),
  -- For an imported request, source, created_at and created_by are those
  -- of its import (kept once, in imports) and these columns are NULL.
  created_at INTEGER,
  created_by TEXT,
  updated_at INTEGER,  -- NULL until the first change
  import_id INTEGER REFERENCES imports(id),
  -- Hash of the source row, to tell a re-export of the same request apart
  -- from one the platform changed since.
  source_hash INTEGER
);
CREATE INDEX requests_received ON requests(received_at);
CREATE TABLE request_tags (
  request_id INTEGER NOT NULL REFERENCES requests(id),
  tag TEXT NOT NULL,
  PRIMARY KEY (request_id, tag)
) WITHOUT ROWID;
-- Every change after creation: who, when, what, old and new value.
CREATE TABLE request_history (
  id INTEGER PRIMARY KEY,
  request_id INTEGER NOT NULL REFERENCES requests(id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  field TEXT NOT NULL,
  old_value TEXT NOT NULL DEFAULT '',
  new_value TEXT NOT NULL DEFAULT '',
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX request_history_request ON request_history(request_id, id);
)sql",
      // 2: connected dwellings: devices, readings by day blocks, roll-ups,
      // quarantine of bad readings, ingest log.
      R"sql(
CREATE TABLE devices (
  id INTEGER PRIMARY KEY,
  device_id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  model TEXT NOT NULL DEFAULT '',
  dwelling TEXT NOT NULL DEFAULT '',
  room TEXT NOT NULL DEFAULT '',
  building TEXT NOT NULL DEFAULT '',
  installed_on TEXT NOT NULL,
  friendly_name TEXT UNIQUE
);
-- The readings of one device and metric over one local day, as one block
-- (telemetry/chunk.h): a few bytes a reading.
CREATE TABLE reading_days (
  device INTEGER NOT NULL REFERENCES devices(id),
  metric TEXT NOT NULL,
  day INTEGER NOT NULL,
  count INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (device, metric, day)
) WITHOUT ROWID;
CREATE TABLE rollups_hourly (
  device INTEGER NOT NULL REFERENCES devices(id),
  metric TEXT NOT NULL,
  hour INTEGER NOT NULL,
  count INTEGER NOT NULL,
  mean REAL, min REAL, max REAL, first REAL, last REAL,
  PRIMARY KEY (device, metric, hour)
) WITHOUT ROWID;
CREATE TABLE rollups_daily (
  device INTEGER NOT NULL REFERENCES devices(id),
  metric TEXT NOT NULL,
  day INTEGER NOT NULL,
  count INTEGER NOT NULL,
  mean REAL, min REAL, max REAL, first REAL, last REAL,
  PRIMARY KEY (device, metric, day)
) WITHOUT ROWID;
CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY,
  file TEXT NOT NULL,
  line INTEGER NOT NULL,
  reason TEXT NOT NULL,
  device_id TEXT NOT NULL DEFAULT '',
  metric TEXT NOT NULL DEFAULT '',
  t INTEGER,
  value TEXT NOT NULL DEFAULT '',
  quarantined_at INTEGER NOT NULL
);
CREATE INDEX quarantine_reason ON quarantine(reason, id);
)sql",
      // 3: consent of tenants to the processing of their dwelling's data, and
      // the log of who looked at it.
      R"sql(
CREATE TABLE consents (
  id INTEGER PRIMARY KEY,
  dwelling TEXT NOT NULL,
  scope TEXT NOT NULL,            -- comma-separated: activity, temperature
  form_ref TEXT NOT NULL,         -- the signed form
  granted_at INTEGER NOT NULL,
  granted_by TEXT NOT NULL,
  revoked_at INTEGER,
  revoked_by TEXT,
  purged_at INTEGER               -- when the activity data was deleted after revocation
);
CREATE INDEX consents_dwelling ON consents(dwelling, granted_at);
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  dwelling TEXT NOT NULL DEFAULT '',
  device TEXT NOT NULL DEFAULT '',
  reason TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_dwelling ON audit(dwelling, at);
)sql",
      // 4: where each pull from the platform's API stopped.
      R"sql(
CREATE TABLE pull_cursors (
  source TEXT PRIMARY KEY,
  cursor TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
)sql",
      // 5: the "levée de doute" alerts, each with its evidence.
      R"sql(
CREATE TABLE alerts (
  id INTEGER PRIMARY KEY,
  dwelling TEXT NOT NULL,
  kind TEXT NOT NULL,             -- inactivity, too-cold, too-hot, sensors-silent
  raised_at INTEGER NOT NULL,
  evidence TEXT NOT NULL,
  acknowledged_at INTEGER,
  acknowledged_by TEXT,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX alerts_open ON alerts(dwelling, kind, acknowledged_at);
)sql",
      // 6: faults the devices report themselves (vendor status codes), the
      // building faults the diagnostics turned into one request, and the
      // quarantine looked up by device (clock drift).
      R"sql(
CREATE TABLE device_events (
  device INTEGER NOT NULL REFERENCES devices(id),
  t INTEGER NOT NULL,
  key TEXT NOT NULL,              -- system_status_code, adaptation_run_status, ...
  value TEXT NOT NULL,
  PRIMARY KEY (device, t, key)
) WITHOUT ROWID;
CREATE TABLE building_faults (
  id INTEGER PRIMARY KEY,
  building TEXT NOT NULL,
  diagnostic TEXT NOT NULL,
  opened_at INTEGER NOT NULL,
  request_id INTEGER NOT NULL REFERENCES requests(id),
  evidence TEXT NOT NULL
);
CREATE INDEX building_faults_building ON building_faults(building, diagnostic);
CREATE INDEX quarantine_device ON quarantine(device_id, quarantined_at);
)sql",
  };
  return migrations;
}

}  // namespace ghd
