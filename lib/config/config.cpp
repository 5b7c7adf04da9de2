#include "config/config.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "config/yaml_util.h"
#include "core/text.h"
#include "requests/request.h"

namespace ghd {

namespace fs = std::filesystem;

const std::vector<std::string>& mapping_fields() {
  static const std::vector<std::string> fields = {"external_ref", "received_at", "channel", "category",
                                                  "subject",      "message",     "tenant",  "dwelling",
                                                  "agency",       "phone",       "email"};
  return fields;
}

ImportMapping virtual_agency_mapping() {
  ImportMapping m;
  m.name = "virtual-agency";
  m.columns = {{"external_ref", "N° demande"}, {"received_at", "Date de création"},
               {"channel", "Canal"},           {"category", "Catégorie"},
               {"subject", "Objet"},           {"message", "Message"},
               {"tenant", "Réf. locataire"},   {"dwelling", "Réf. logement"},
               {"agency", "Agence"},           {"phone", "Téléphone"},
               {"email", "Courriel"}};
  return m;
}

std::vector<std::string> Config::calendar_names() const {
  std::vector<std::string> out;
  for (const auto& [name, always] : calendar_round_the_clock) out.push_back(name);
  return out;
}

Result<WorkingCalendar> Config::calendar(const std::string& name) const {
  auto it = calendar_round_the_clock.find(name);
  if (it == calendar_round_the_clock.end())
    return Status::Config(fmt::format("unknown calendar '{}' (known: {})", name, join(calendar_names(), ", ")));
  if (it->second) return WorkingCalendar::always(name);
  return WorkingCalendar(name, business_days(), calendar_hours.at(name));
}

static void set_default_calendars_impl(Config& c) {
  c.calendar_round_the_clock = {{"business", false}, {"24x7", true}};
  c.calendar_hours = {{"business", {{std::chrono::minutes{8 * 60 + 30}, std::chrono::minutes{12 * 60}},
                                    {std::chrono::minutes{13 * 60 + 30}, std::chrono::minutes{17 * 60}}}},
                      {"24x7", {}}};
}

Result<ImportMapping> Config::mapping(const std::string& name) const {
  auto it = mappings.find(name);
  if (it != mappings.end()) return it->second;
  std::string known;
  for (const auto& [n, m] : mappings) known += (known.empty() ? "" : ", ") + n;
  return Status::Usage(fmt::format("unknown import mapping '{}' (known: {})", name, known));
}

namespace {

void set_default_calendars(Config& c) { set_default_calendars_impl(c); }

Status parse_mapping(const YamlFile& y, const std::string& name, const YAML::Node& n, ImportMapping& m) {
  const std::string section = "import.mappings." + name;
  GHD_TRY(y.expect_keys(n, {"separator", "encoding", "date_format", "channel", "category", "columns", "values"},
                        section));
  m.name = name;
  m.columns.clear();
  if (auto s = n["separator"]) {
    GHD_ASSIGN(sep, y.string(s, "separator"));
    if (sep == "\\t" || sep == "tab") sep = "\t";
    if (sep.size() != 1) return y.error(s, "'separator' must be one character");
    m.separator = sep[0];
  }
  if (auto e = n["encoding"]) {
    GHD_ASSIGN(enc, y.string(e, "encoding"));
    auto parsed = parse_encoding(enc);
    if (!parsed.ok()) return y.error(e, parsed.status().message());
    m.encoding = *parsed;
  }
  if (auto d = n["date_format"]) {
    GHD_ASSIGN(fmt_, y.string(d, "date_format"));
    if (fmt_ == "french") m.date_format = ImportMapping::DateFormat::french;
    else if (fmt_ == "iso") m.date_format = ImportMapping::DateFormat::iso;
    else return y.error(d, fmt::format("unknown date_format '{}' (expected french or iso)", fmt_));
  }
  if (auto c = n["channel"]) {
    GHD_ASSIGN(ch, y.string(c, "channel"));
    if (!is_term(kChannels, ch)) return y.error(c, fmt::format("unknown channel '{}' (expected one of: {})", ch, term_ids(kChannels)));
    m.channel = ch;
  }
  if (auto c = n["category"]) {
    GHD_ASSIGN(cat, y.string(c, "category"));
    if (!is_term(kCategories, cat)) return y.error(c, fmt::format("unknown category '{}' (expected one of: {})", cat, term_ids(kCategories)));
    m.category = cat;
  }
  const YAML::Node cols = n["columns"];
  if (!cols) return y.error(n, fmt::format("mapping '{}' needs 'columns'", name));
  GHD_TRY(y.expect_map(cols, "'columns'"));
  for (const auto& kv : cols) {
    const std::string field = kv.first.Scalar();
    bool known = false;
    for (const auto& f : mapping_fields()) known = known || f == field;
    if (!known)
      return y.error(kv.first, fmt::format("unknown field '{}' in '{}.columns' (expected one of: {})", field,
                                           section, join(mapping_fields(), ", ")));
    GHD_ASSIGN(header, y.string(kv.second, field));
    m.columns[field] = header;
  }
  for (const char* required : {"received_at", "message"})
    if (!m.columns.count(required))
      return y.error(cols, fmt::format("mapping '{}' needs a column for '{}'", name, required));
  if (!m.columns.count("category") && m.category.empty())
    return y.error(cols, fmt::format("mapping '{}' needs a 'category' column or a fixed 'category'", name));
  if (!m.columns.count("channel") && m.channel.empty())
    return y.error(cols, fmt::format("mapping '{}' needs a 'channel' column or a fixed 'channel'", name));
  if (auto vals = n["values"]) {
    GHD_TRY(y.expect_keys(vals, {"channel", "category"}, section + ".values"));
    for (const auto& kv : vals) {
      const std::string field = kv.first.Scalar();
      const auto& terms = field == "channel" ? kChannels : kCategories;
      GHD_TRY(y.expect_map(kv.second, fmt::format("'{}.values.{}'", section, field)));
      for (const auto& v : kv.second) {
        GHD_ASSIGN(id, y.string(v.second, field));
        if (!is_term(terms, id))
          return y.error(v.second, fmt::format("unknown {} '{}' (expected one of: {})", field, id, term_ids(terms)));
        m.values[field][v.first.Scalar()] = id;
      }
    }
  }
  return Status::Ok();
}

Status parse_calendar(const YamlFile& y, const YAML::Node& n, Config& c) {
  GHD_TRY(y.expect_keys(n, {"alsace_moselle", "solidarity_day_worked", "closures"}, "calendar"));
  if (auto v = n["alsace_moselle"]) {
    GHD_ASSIGN(b, y.boolean(v, "alsace_moselle"));
    c.holidays.alsace_moselle = b;
  }
  if (auto v = n["solidarity_day_worked"]) {
    GHD_ASSIGN(b, y.boolean(v, "solidarity_day_worked"));
    c.holidays.solidarity_day_worked = b;
  }
  if (auto list = n["closures"]) {
    if (!list.IsSequence()) return y.error(list, "'closures' must be a list");
    for (const auto& item : list) {
      GHD_TRY(y.expect_keys(item, {"from", "to", "reason"}, "calendar.closures"));
      if (!item["from"]) return y.error(item, "a closure needs 'from'");
      GHD_ASSIGN(from_s, y.string(item["from"], "from"));
      auto from = parse_date(from_s);
      if (!from.ok()) return y.error(item["from"], from.status().message());
      Closure cl{*from, *from, "fermeture"};
      if (item["to"]) {
        GHD_ASSIGN(to_s, y.string(item["to"], "to"));
        auto to = parse_date(to_s);
        if (!to.ok()) return y.error(item["to"], to.status().message());
        if (std::chrono::sys_days{*to} < std::chrono::sys_days{*from})
          return y.error(item["to"], "'to' is before 'from'");
        if (std::chrono::sys_days{*to} - std::chrono::sys_days{*from} > std::chrono::days{366})
          return y.error(item["to"], "a closure may not last more than a year");
        cl.to = *to;
      }
      if (item["reason"]) {
        GHD_ASSIGN(r, y.string(item["reason"], "reason"));
        cl.reason = r;
      }
      c.closures.push_back(cl);
    }
  }
  return Status::Ok();
}

}  // namespace

namespace {
// A path in the config is relative to the config file, so that a config and
// what it names travel together whatever the working directory.
Result<std::string> config_path(const YamlFile& y, const YAML::Node& v, const char* key, const std::string& file_name) {
  GHD_ASSIGN(p, y.string(v, key));
  if (!p.empty() && fs::path(p).is_relative() && !file_name.empty())
    p = (fs::path(file_name).parent_path() / p).lexically_normal().string();
  return p;
}

struct IntKey {
  const char* key;
  int* into;
  long long min, max;
};

// Whole numbers within their bounds.
Status read_ints(const YamlFile& y, const YAML::Node& node, std::initializer_list<IntKey> keys) {
  for (const IntKey& k : keys)
    if (auto v = node[k.key]) {
      GHD_ASSIGN(n, y.integer(v, k.key));
      if (n < k.min || n > k.max) return y.error(v, fmt::format("'{}' must be between {} and {}", k.key, k.min, k.max));
      *k.into = int(n);
    }
  return Status::Ok();
}

struct NumKey {
  const char* key;
  double* real;  // one of real and whole
  int* whole;
  double min, max;
};

// Numbers within their bounds; whole ones where `whole` is set.
Status read_numbers(const YamlFile& y, const YAML::Node& node, const std::vector<NumKey>& keys) {
  for (const NumKey& n : keys)
    if (auto v = node[n.key]) {
      double x = 0;
      if (!v.IsScalar() || !YAML::convert<double>::decode(v, x) || x < n.min || x > n.max ||
          (n.whole && x != double(long(x))))
        return y.error(v, fmt::format("'{}' must be a {} between {} and {}", n.key, n.whole ? "whole number" : "number",
                                      n.min, n.max));
      if (n.real) *n.real = x;
      else *n.whole = int(x);
    }
  return Status::Ok();
}
}  // namespace

Status parse_calendars(const YamlFile& y, const YAML::Node& n, Config& c) {
  GHD_TRY(y.expect_map(n, "'calendars'"));
  for (const auto& kv : n) {
    const std::string name = kv.first.Scalar();
    GHD_TRY(y.expect_keys(kv.second, {"hours", "round_the_clock"}, "calendars." + name));
    bool always = false;
    if (auto v = kv.second["round_the_clock"]) {
      GHD_ASSIGN(b, y.boolean(v, "round_the_clock"));
      always = b;
    }
    std::vector<WorkingPeriod> periods;
    if (auto hours = kv.second["hours"]) {
      if (always) return y.error(hours, "a round-the-clock calendar has no 'hours'");
      if (!hours.IsSequence()) return y.error(hours, "'hours' must be a list such as [\"08:30-12:00\", \"13:30-17:00\"]");
      for (const auto& h : hours) {
        GHD_ASSIGN(text, y.string(h, "hours"));
        auto p = parse_working_period(text);
        if (!p.ok()) return y.error(h, p.status().message());
        if (!periods.empty() && p->start < periods.back().end) return y.error(h, "working hours must be in order and not overlap");
        periods.push_back(*p);
      }
    } else if (!always) {
      return y.error(kv.second, fmt::format("calendar '{}' needs 'hours' or 'round_the_clock: true'", name));
    }
    c.calendar_round_the_clock[name] = always;
    c.calendar_hours[name] = periods;
  }
  return Status::Ok();
}

Status parse_triage(const YamlFile& y, const YAML::Node& n, Config& c) {
  GHD_TRY(y.expect_keys(n, {"rules", "forward_automatically", "cutoff", "duplicates", "incidents"}, "triage"));
  if (auto d = n["duplicates"]) {
    GHD_TRY(y.expect_keys(d, {"window_days", "similarity"}, "triage.duplicates"));
    if (auto v = d["window_days"]) {
      GHD_ASSIGN(days, y.integer(v, "window_days"));
      if (days < 0 || days > 365) return y.error(v, "'window_days' must be between 0 and 365");
      c.duplicate_window_days = int(days);
    }
    if (auto v = d["similarity"]) {
      double sim = 0;
      if (!YAML::convert<double>::decode(v, sim) || sim <= 0 || sim > 1)
        return y.error(v, "'similarity' must be a number above 0 and at most 1");
      c.duplicate_similarity = sim;
    }
  }
  if (auto i = n["incidents"]) {
    GHD_TRY(y.expect_keys(i, {"window_hours", "min_tenants"}, "triage.incidents"));
    GHD_TRY(read_ints(y, i, {{"window_hours", &c.incident_window_hours, 1, 24 * 31},
                             {"min_tenants", &c.incident_min_tenants, 2, 100}}));
  }
  if (auto v = n["rules"]) {
    GHD_ASSIGN(path, config_path(y, v, "rules", y.name()));
    c.triage_rules = path;
  }
  if (auto v = n["forward_automatically"]) {
    if (!v.IsSequence()) return y.error(v, "'forward_automatically' must be a list of services");
    for (const auto& s : v) {
      GHD_ASSIGN(service, y.string(s, "forward_automatically"));
      if (!is_term(kServices, service))
        return y.error(s, fmt::format("unknown service '{}' (expected one of: {})", service, term_ids(kServices)));
      c.forward_automatically.push_back(service);
    }
  }
  if (auto v = n["cutoff"]) {
    GHD_ASSIGN(text, y.string(v, "cutoff"));
    auto p = parse_working_period(text + "-24:00");
    if (!p.ok() || text.size() != 5) return y.error(v, fmt::format("invalid cutoff '{}' (expected HH:MM)", text));
    c.triage_cutoff = p->start;
  }
  return Status::Ok();
}


namespace {
Status parse_diagnostics(const YamlFile& y, const YAML::Node& node, DiagnosticSettings& d) {
  const std::vector<NumKey> keys = {
      {"frozen_hours", &d.frozen_hours, nullptr, 1, 72},
      {"frozen_valve_moved", &d.frozen_valve_moved, nullptr, 1, 100},
      {"frozen_outdoor_moved", &d.frozen_outdoor_moved, nullptr, 0.1, 30},
      {"stuck_hours", &d.stuck_hours, nullptr, 0.5, 72},
      {"valve_open", &d.valve_open, nullptr, 1, 100},
      {"valve_closed", &d.valve_closed, nullptr, 0, 99},
      {"below_setpoint", &d.below_setpoint, nullptr, 0.5, 15},
      {"setpoint_hours", &d.setpoint_hours, nullptr, 1, 168},
      {"setpoint_margin", &d.setpoint_margin, nullptr, 0.1, 10},
      {"window_minutes", nullptr, &d.window_minutes, 5, 240},
      {"window_drop", &d.window_drop, nullptr, 0.2, 10},
      {"window_valve", &d.window_valve, nullptr, 0, 100},
      {"battery_dying", &d.battery_dying, nullptr, 0, 100},
      {"battery_days_left", &d.battery_days_left, nullptr, 0, 365},
      {"building_share", &d.building_share, nullptr, 0.05, 1},
      {"building_min_devices", nullptr, &d.building_min_devices, 1, 1000},
  };
  std::vector<std::string_view> names;
  for (const auto& k : keys) names.push_back(k.key);
  GHD_TRY(y.expect_keys(node, names, "telemetry.diagnostics"));
  return read_numbers(y, node, keys);
}
}  // namespace

namespace {
Status parse_report(const YamlFile& y, const YAML::Node& node, const std::string& file_name, Config::Report& r) {
  GHD_TRY(y.expect_keys(node, {"lang", "degree_days", "spool_dir", "mail"}, "report"));
  if (auto v = node["lang"]) {
    GHD_ASSIGN(lang, y.string(v, "lang"));
    if (lang != "fr" && lang != "en") return y.error(v, "'lang' must be fr or en");
    r.lang = lang;
  }
  if (auto v = node["degree_days"]) {
    GHD_ASSIGN(m, y.string(v, "degree_days"));
    if (m != "meteo-france" && m != "costic") return y.error(v, "'degree_days' must be meteo-france or costic");
    r.degree_days = m;
  }
  if (auto v = node["spool_dir"]) {
    GHD_ASSIGN(p, config_path(y, v, "spool_dir", file_name));
    r.spool_dir = p;
  }
  if (auto m = node["mail"]) {
    GHD_TRY(y.expect_keys(m, {"url", "starttls", "from", "to", "services", "username", "password_file", "ca_file", "retries",
                              "retry_delay_ms", "timeout_seconds"},
                          "report.mail"));
    auto& mail = r.mail;
    if (auto v = m["url"]) {
      GHD_ASSIGN(url, y.string(v, "url"));
      if (url.rfind("smtp://", 0) != 0 && url.rfind("smtps://", 0) != 0)
        return y.error(v, "'url' must start with smtp:// or smtps://");
      mail.url = url;
    }
    if (auto v = m["starttls"]) {
      GHD_ASSIGN(b, y.boolean(v, "starttls"));
      mail.starttls = b;
    }
    if (auto v = m["from"]) {
      GHD_ASSIGN(from, y.string(v, "from"));
      mail.from = from;
    }
    if (auto v = m["to"]) {
      if (v.IsScalar()) mail.to = {v.Scalar()};
      else if (v.IsSequence())
        for (const auto& x : v) {
          GHD_ASSIGN(one, y.string(x, "to"));
          mail.to.push_back(one);
        }
      else return y.error(v, "'to' must be an address or a list of addresses");
    }
    if (auto v = m["services"]) {
      if (!v.IsMap()) return y.error(v, "'services' must map each service to its addresses");
      for (const auto& kv : v) {
        const std::string service = kv.first.Scalar();
        if (!is_term(kServices, service))
          return y.error(kv.first, fmt::format("unknown service '{}' (expected one of: {})", service, term_ids(kServices)));
        auto& list = mail.services[service];
        if (kv.second.IsScalar()) list = {kv.second.Scalar()};
        else if (kv.second.IsSequence())
          for (const auto& x : kv.second) list.push_back(x.Scalar());
        else return y.error(kv.second, "expected an address or a list of addresses");
      }
    }
    if (auto v = m["username"]) {
      GHD_ASSIGN(u, y.string(v, "username"));
      mail.username = u;
    }
    if (auto v = m["password_file"]) {
      GHD_ASSIGN(p, config_path(y, v, "password_file", file_name));
      mail.password_file = p;
    }
    if (auto v = m["ca_file"]) {
      GHD_ASSIGN(p, config_path(y, v, "ca_file", file_name));
      mail.ca_file = p;
    }
    GHD_TRY(read_ints(y, m, {{"retries", &mail.retries, 0, 20}, {"retry_delay_ms", &mail.retry_delay_ms, 1, 600000},
                             {"timeout_seconds", &mail.timeout_seconds, 1, 600}}));
  }
  return Status::Ok();
}
}  // namespace

Result<Config> parse_config(const std::string& text, const std::string& file_name) {
  const YamlFile y(file_name);
  Config c;
  c.file = file_name;
  c.mappings.emplace("virtual-agency", virtual_agency_mapping());
  set_default_calendars(c);
  GHD_ASSIGN(root, y.parse(text));
  if (root.IsNull()) return c;  // an empty file is all defaults
  GHD_TRY(y.expect_keys(root, {"database", "calendar", "calendars", "import", "retention", "triage", "telemetry", "report"},
                        ""));
  if (auto rep = root["report"]) GHD_TRY(parse_report(y, rep, file_name, c.report));
  if (auto tel = root["telemetry"]) {
    GHD_TRY(y.expect_keys(tel, {"retention_days", "consent_purge_days", "gateway", "checks", "diagnostics"},
                          "telemetry"));
    if (auto dg = tel["diagnostics"]) GHD_TRY(parse_diagnostics(y, dg, c.diagnostics));
    if (auto ch = tel["checks"]) {
      GHD_TRY(y.expect_keys(ch, {"inactivity_ceiling_hours", "inactivity_usual_hours", "cold_below", "hot_above",
                                 "temperature_hours", "sensors_silent_hours"}, "telemetry.checks"));
      auto& k = c.checks;
      GHD_TRY(read_numbers(y, ch, {{"inactivity_ceiling_hours", &k.inactivity_ceiling_hours, nullptr, 1, 24},
                                   {"inactivity_usual_hours", nullptr, &k.inactivity_usual_hours, 1, 24},
                                   {"cold_below", &k.cold_below, nullptr, 5, 25},
                                   {"hot_above", &k.hot_above, nullptr, 20, 40},
                                   {"temperature_hours", nullptr, &k.temperature_hours, 1, 48},
                                   {"sensors_silent_hours", nullptr, &k.sensors_silent_hours, 1, 168}}));
    }
    if (auto g = tel["gateway"]) {
      GHD_TRY(y.expect_keys(g, {"url", "token_file", "page_size", "timeout_seconds", "retries", "retry_delay_ms",
                                "ca_file"}, "telemetry.gateway"));
      if (auto v = g["url"]) {
        GHD_ASSIGN(url, y.string(v, "url"));
        if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0)
          return y.error(v, "'url' must start with https:// (or http:// on this machine)");
        while (!url.empty() && url.back() == '/') url.pop_back();
        c.gateway.url = url;
      }
      if (auto v = g["token_file"]) {
        GHD_ASSIGN(p, config_path(y, v, "token_file", file_name));
        c.gateway.token_file = p;
      }
      if (auto v = g["ca_file"]) {
        GHD_ASSIGN(p, config_path(y, v, "ca_file", file_name));
        c.gateway.ca_file = p;
      }
      GHD_TRY(read_ints(y, g, {{"page_size", &c.gateway.page_size, 1, 100000},
                               {"timeout_seconds", &c.gateway.timeout_seconds, 1, 600},
                               {"retries", &c.gateway.retries, 0, 20},
                               {"retry_delay_ms", &c.gateway.retry_delay_ms, 1, 60000}}));
    }
    GHD_TRY(read_ints(y, tel, {{"consent_purge_days", &c.consent_purge_days, 0, 365}}));
    if (auto v = tel["retention_days"]) {
      GHD_ASSIGN(days, y.integer(v, "retention_days"));
      if (days < 1) return y.error(v, "'retention_days' must be at least 1");
      c.telemetry_retention_days = int(days);
    }
  }
  if (auto cals = root["calendars"]) GHD_TRY(parse_calendars(y, cals, c));
  if (auto tri = root["triage"]) GHD_TRY(parse_triage(y, tri, c));
  if (auto v = root["database"]) {
    GHD_ASSIGN(db, config_path(y, v, "database", file_name));
    c.database = db;
  }
  if (auto cal = root["calendar"]) GHD_TRY(parse_calendar(y, cal, c));
  if (auto imp = root["import"]) {
    GHD_TRY(y.expect_keys(imp, {"default_mapping", "mappings"}, "import"));
    if (auto maps = imp["mappings"]) {
      GHD_TRY(y.expect_map(maps, "'import.mappings'"));
      for (const auto& kv : maps) {
        ImportMapping m;
        GHD_TRY(parse_mapping(y, kv.first.Scalar(), kv.second, m));
        c.mappings[m.name] = m;
      }
    }
    if (auto d = imp["default_mapping"]) {
      GHD_ASSIGN(name, y.string(d, "default_mapping"));
      if (!c.mappings.count(name)) return y.error(d, fmt::format("unknown mapping '{}'", name));
      c.default_mapping = name;
    }
  }
  if (auto ret = root["retention"]) {
    GHD_TRY(y.expect_keys(ret, {"closed_requests_days"}, "retention"));
    if (auto v = ret["closed_requests_days"]) {
      GHD_ASSIGN(days, y.integer(v, "closed_requests_days"));
      if (days < 1) return y.error(v, "'closed_requests_days' must be at least 1");
      c.retention_closed_requests_days = int(days);
    }
  }
  return c;
}

Result<Config> load_config_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::NoInput(fmt::format("{}: cannot read the configuration", path));
  std::stringstream ss;
  ss << in.rdbuf();
  return parse_config(ss.str(), path);
}

Result<std::string> find_config_file(const std::string& explicit_path, const Environment& env) {
  if (!explicit_path.empty()) {
    if (!fs::exists(explicit_path)) return Status::NoInput(fmt::format("{}: no such configuration file", explicit_path));
    return explicit_path;
  }
  if (auto v = env.get("GHD_CONFIG")) {
    if (!fs::exists(*v)) return Status::NoInput(fmt::format("{}: no such configuration file (from GHD_CONFIG)", *v));
    return *v;
  }
  std::vector<fs::path> candidates;
  if (!env.cwd.empty()) candidates.push_back(fs::path(env.cwd) / "ghd.yaml");
  if (auto xdg = env.get("XDG_CONFIG_HOME")) candidates.push_back(fs::path(*xdg) / "ghd" / "ghd.yaml");
  else if (auto home = env.get("HOME")) candidates.push_back(fs::path(*home) / ".config" / "ghd" / "ghd.yaml");
  candidates.push_back("/etc/ghd/ghd.yaml");
  for (const auto& c : candidates)
    if (fs::exists(c)) return c.string();
  return std::string();
}

Result<Config> load_config(const std::string& explicit_config, const std::string& explicit_db,
                           const Environment& env) {
  GHD_ASSIGN(file, find_config_file(explicit_config, env));
  Config c;
  if (file.empty()) {
    c.mappings.emplace("virtual-agency", virtual_agency_mapping());
    set_default_calendars(c);
  } else {
    GHD_ASSIGN(loaded, load_config_file(file));
    c = std::move(loaded);
  }
  if (!explicit_db.empty()) c.database = explicit_db;
  else if (auto v = env.get("GHD_DB")) c.database = *v;
  return c;
}

}  // namespace ghd
