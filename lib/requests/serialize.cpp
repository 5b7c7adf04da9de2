#include "requests/serialize.h"

#include <fmt/format.h>

#include "core/csv.h"
#include "core/table.h"
#include "core/text.h"

namespace ghd {

using nlohmann::json;

namespace {
json nullable(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }
}  // namespace

json to_json(const Request& r) {
  return json{
      {"ref", format_ref(r.id)},
      {"external_ref", nullable(r.external_ref)},
      {"source", r.source},
      {"received_at", format_iso(r.received_at)},
      {"channel", r.channel},
      {"category", r.category},
      {"subject", r.subject},
      {"message", r.message},
      {"tenant", nullable(r.tenant)},
      {"dwelling", nullable(r.dwelling)},
      {"building", nullable(r.building)},
      {"agency", nullable(r.agency)},
      {"phone", nullable(r.phone)},
      {"email", nullable(r.email)},
      {"status", r.status},
      {"service", nullable(r.service)},
      {"priority", nullable(r.priority)},
      {"due_at", r.due_at ? json(format_iso(*r.due_at)) : json(nullptr)},
      {"assignee", nullable(r.assignee)},
      {"tags", r.tags},
      {"duplicate_of", r.duplicate_of ? json(format_ref(*r.duplicate_of)) : json(nullptr)},
      {"incident", r.incident_id ? json(*r.incident_id) : json(nullptr)},
      {"created_at", format_iso(r.created_at)},
      {"created_by", r.created_by},
      {"updated_at", format_iso(r.updated_at)},
  };
}

json to_json(const HistoryEntry& h) {
  return json{{"at", format_iso(h.at)}, {"actor", h.actor},         {"field", h.field},
              {"old", h.old_value},     {"new", h.new_value},       {"note", h.note}};
}

const std::vector<std::string>& csv_columns() {
  static const std::vector<std::string> cols = {
      "ref",     "external_ref", "source",   "received_at", "channel",  "category", "subject",
      "message", "tenant",       "dwelling", "building",    "agency",   "phone",    "email",
      "status",  "service",      "priority", "due_at",      "assignee", "tags",     "duplicate_of",
      "incident", "created_at",  "created_by", "updated_at"};
  return cols;
}

std::vector<std::string> csv_values(const Request& r) {
  return {format_ref(r.id),
          r.external_ref,
          r.source,
          format_iso(r.received_at),
          r.channel,
          r.category,
          r.subject,
          r.message,
          r.tenant,
          r.dwelling,
          r.building,
          r.agency,
          r.phone,
          r.email,
          r.status,
          r.service,
          r.priority,
          r.due_at ? format_iso(*r.due_at) : "",
          r.assignee,
          join(r.tags, " "),
          r.duplicate_of ? format_ref(*r.duplicate_of) : "",
          r.incident_id ? std::to_string(*r.incident_id) : "",
          format_iso(r.created_at),
          r.created_by,
          format_iso(r.updated_at)};
}

Result<Request> request_from_json_text(const std::string& text, const std::string& source) {
  json j;
  try {
    j = json::parse(text);
  } catch (const json::parse_error& e) {
    return Status::DataError(fmt::format("{}: invalid JSON: {}", source, e.what()));
  }
  auto r = request_from_json(j);
  if (!r.ok()) return r.status().with_context(source);
  return r;
}

Result<Request> request_from_json(const json& j) {
  if (!j.is_object()) return Status::DataError("a request must be a JSON object");
  static const std::vector<std::string> allowed = {"external_ref", "received_at", "channel", "category",
                                                   "subject",      "message",     "tenant",  "dwelling",
                                                   "agency",       "phone",       "email",   "tags",
                                                   "building",     "status",      "service", "priority", "ref"};
  Request r;
  for (auto it = j.begin(); it != j.end(); ++it) {
    if (std::find(allowed.begin(), allowed.end(), it.key()) == allowed.end())
      return Status::DataError(fmt::format("unknown key '{}' (expected one of: {})", it.key(), join(allowed, ", ")));
    if (it.key() == "tags") {
      if (!it.value().is_array()) return Status::DataError("'tags' must be a list of strings");
      for (const auto& t : it.value()) {
        if (!t.is_string()) return Status::DataError("'tags' must be a list of strings");
        r.tags.push_back(t.get<std::string>());
      }
      continue;
    }
    if (it.value().is_null()) continue;
    if (!it.value().is_string()) return Status::DataError(fmt::format("'{}' must be a string", it.key()));
    const std::string v = it.value().get<std::string>();
    const std::string& k = it.key();
    if (k == "external_ref") r.external_ref = v;
    else if (k == "received_at") {
      auto t = parse_instant(v);
      if (!t.ok()) return Status::DataError(fmt::format("'received_at': {}", t.status().message()));
      r.received_at = *t;
    } else if (k == "channel") {
      const Term* t = find_term(kChannels, v);
      r.channel = t ? std::string(t->id) : v;
    } else if (k == "category") {
      const Term* t = find_term(kCategories, v);
      r.category = t ? std::string(t->id) : v;
    } else if (k == "subject") r.subject = v;
    else if (k == "message") r.message = v;
    else if (k == "tenant") r.tenant = v;
    else if (k == "dwelling") r.dwelling = v;
    else if (k == "building") r.building = v;
    else if (k == "agency") r.agency = v;
    else if (k == "phone") r.phone = normalise_phone(v);
    else if (k == "email") r.email = ascii_lower(v);
    else if (k == "status") r.status = v;
    else if (k == "service") r.service = v;
    else if (k == "priority") r.priority = v;
    else if (k == "ref") {
      auto id = parse_ref(v);
      if (!id) return Status::DataError(fmt::format("'ref': invalid reference '{}'", v));
      r.id = *id;
    }
  }
  return r;
}

}  // namespace ghd

namespace ghd {

Result<std::string> render_requests(const std::vector<Request>& requests, const std::string& format) {
  std::string out;
  if (format == "table") {
    Table t({"REF", "RECEIVED", "CATEGORY", "STATUS", "SERVICE", "PRIO", "DWELLING", "SUBJECT"});
    for (const auto& r : requests)
      t.add({format_ref(r.id), format_local_minutes(r.received_at), r.category, r.status, r.service, r.priority,
             r.dwelling, r.subject.empty() ? r.message : r.subject});
    return t.render(40);
  }
  if (format == "csv") {
    std::vector<std::string> cells;
    for (const auto& c : csv_columns()) cells.push_back(csv_safe_field(c));
    out += join(cells, ",") + "\r\n";
    for (const auto& r : requests) {
      cells.clear();
      for (const auto& v : csv_values(r)) cells.push_back(csv_safe_field(v));
      out += join(cells, ",") + "\r\n";
    }
    return out;
  }
  if (format == "json") {
    json arr = json::array();
    for (const auto& r : requests) arr.push_back(to_json(r));
    return arr.dump(2) + "\n";
  }
  if (format == "ndjson") {
    for (const auto& r : requests) out += to_json(r).dump() + "\n";
    return out;
  }
  if (format == "ids") {
    for (const auto& r : requests) out += format_ref(r.id) + "\n";
    return out;
  }
  return Status::Usage(fmt::format("unknown format '{}'", format));
}

std::string render_request_text(const Request& r, const std::vector<HistoryEntry>& history) {
  std::string out;
  auto line = [&](std::string_view key, const std::string& value) {
    if (!value.empty()) out += fmt::format("{:<13} {}\n", std::string(key) + ":", value);
  };
  line("Ref", format_ref(r.id));
  line("External ref", r.external_ref);
  line("Received", format_local_minutes(r.received_at) + " (" + std::string(label_fr(kChannels, r.channel)) + ")");
  line("Category", fmt::format("{} ({})", r.category, label_fr(kCategories, r.category)));
  line("Status", r.status);
  line("Service", r.service);
  line("Priority", r.priority);
  line("Due", r.due_at ? format_local_minutes(*r.due_at) : "");
  line("Assignee", r.assignee);
  line("Tags", join(r.tags, " "));
  line("Duplicate of", r.duplicate_of ? format_ref(*r.duplicate_of) : "");
  line("Incident", r.incident_id ? std::to_string(*r.incident_id) : "");
  line("Tenant", r.tenant);
  line("Dwelling", r.dwelling);
  line("Building", r.building);
  line("Agency", r.agency);
  line("Phone", r.phone);
  line("Email", r.email);
  line("Subject", r.subject);
  out += "Message:\n";
  for (const auto& l : split(r.message, '\n')) out += "  " + l + "\n";
  out += "\nHistory:\n";
  out += fmt::format("  {}  {}  created ({})\n", format_local_minutes(r.created_at), r.created_by, r.source);
  for (const auto& h : history) {
    std::string what;
    if (h.field == "note") what = "note: " + h.note;
    else if (h.field == "tag") what = h.new_value.empty() ? "tag -" + h.old_value : "tag +" + h.new_value;
    else what = fmt::format("{}: {} -> {}", h.field, h.old_value.empty() ? "(none)" : h.old_value,
                            h.new_value.empty() ? "(none)" : h.new_value);
    if (h.field != "note" && !h.note.empty()) what += " (" + h.note + ")";
    out += fmt::format("  {}  {}  {}\n", format_local_minutes(h.at), h.actor, what);
  }
  return out;
}

}  // namespace ghd
