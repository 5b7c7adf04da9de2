// The configuration: one YAML file, every key documented in ghd.yaml(5).
// Unknown keys are errors with file, line and column: a typo in a cron job's
// config must not pass silently.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "telemetry/diagnostics.h"
#include "calendar/business_days.h"
#include "calendar/working_time.h"
#include "config/environment.h"
#include "core/encoding.h"
#include "core/status.h"

namespace ghd {

// How the columns of an export map to request fields.
struct ImportMapping {
  std::string name;
  char separator = ';';
  Encoding encoding = Encoding::automatic;
  enum class DateFormat { french, iso } date_format = DateFormat::french;
  std::string channel;  // fixed channel when the file has no channel column
  std::string category; // fixed category when the file has no category column
  // field -> column header, for fields: external_ref, received_at, channel,
  // category, subject, message, tenant, dwelling, agency, phone, email.
  std::map<std::string, std::string> columns;
  // field -> (value in the file -> our id), for channel and category; the
  // French labels are always understood.
  std::map<std::string, std::map<std::string, std::string>> values;
};

// The virtual agency's export, built in.
ImportMapping virtual_agency_mapping();
const std::vector<std::string>& mapping_fields();

struct Config {
  std::string file;  // where it was read from; empty when built in
  std::string database;
  std::string default_mapping = "virtual-agency";
  std::map<std::string, ImportMapping> mappings;
  HolidayRules holidays;
  std::vector<Closure> closures;
  int retention_closed_requests_days = 1825;
  // Named working calendars: hours per calendar (none: round the clock).
  // Defaults: "business" 08:30-12:00 and 13:30-17:00, and "24x7".
  std::map<std::string, std::vector<WorkingPeriod>> calendar_hours;
  std::map<std::string, bool> calendar_round_the_clock;
  // The morning triage.
  std::string triage_rules;                       // rule file
  std::vector<std::string> forward_automatically; // services whose requests go straight to 'forwarded'
  std::chrono::minutes triage_cutoff{7 * 60};     // the morning's cut-off, local time
  // The same tenant, category and similar text within the window: a duplicate.
  int duplicate_window_days = 7;
  double duplicate_similarity = 0.5;  // share of words in common (Jaccard), 0-1
  // Several tenants of one building reporting the same collective fault
  // (a rule's tag incident:KIND) within the window: one incident.
  int incident_window_hours = 48;
  int incident_min_tenants = 2;
  // Telemetry: raw readings are kept this many days; roll-ups stay.
  int telemetry_retention_days = 400;
  // After a consent is withdrawn, its dwelling's stored activity data is
  // deleted after this many days (by ghd-telemetry purge).
  int consent_purge_days = 30;
  // The "levée de doute" checks (telemetry/checks.h).
  struct Checks {
    double inactivity_ceiling_hours = 12;
    int inactivity_usual_hours = 3;
    double cold_below = 16, hot_above = 28;
    int temperature_hours = 3;
    int sensors_silent_hours = 25;
  } checks;
  // Device diagnostics (telemetry/diagnostics.h).
  DiagnosticSettings diagnostics;
  // ghd-report.
  struct Report {
    std::string lang = "fr";
    std::string degree_days = "meteo-france";  // or costic
    std::string spool_dir;  // where a report that could not be mailed is kept (default: unsent/ by the database)
    struct Mail {
      std::string url;            // smtp://host:port or smtps://host:port; none: no mail
      bool starttls = true;
      std::string from = "ghd@localhost";
      std::vector<std::string> to;  // default recipients
      std::map<std::string, std::vector<std::string>> services;  // each service's own recipients
      std::string username, password_file, ca_file;
      int retries = 3;
      int retry_delay_ms = 2000;
      int timeout_seconds = 30;
    } mail;
  } report;
  // The platform's HTTP API (ghd-telemetry pull); no url: no pull.
  struct Gateway {
    std::string url;
    std::string token_file;  // must not be readable by group or others
    int page_size = 1000;
    int timeout_seconds = 30;
    int retries = 5;
    int retry_delay_ms = 1000;  // first back-off; doubles each time, 60 s at most
    std::string ca_file;        // a private CA
  } gateway;

  BusinessDays business_days() const { return BusinessDays(holidays, closures); }
  std::vector<std::string> calendar_names() const;
  Result<WorkingCalendar> calendar(const std::string& name) const;
  Result<ImportMapping> mapping(const std::string& name) const;
};

// The file to read: --config, then GHD_CONFIG, then ./ghd.yaml, then
// $XDG_CONFIG_HOME/ghd/ghd.yaml (~/.config when unset), then
// /etc/ghd/ghd.yaml. Empty when none exists: built-in defaults apply.
Result<std::string> find_config_file(const std::string& explicit_path, const Environment& env);
Result<Config> load_config_file(const std::string& path);
Result<Config> parse_config(const std::string& yaml_text, const std::string& file_name);
// Finds and loads the configuration, then resolves the database path:
// --db, then GHD_DB, then the config's `database`.
Result<Config> load_config(const std::string& explicit_config, const std::string& explicit_db,
                           const Environment& env);

}  // namespace ghd
