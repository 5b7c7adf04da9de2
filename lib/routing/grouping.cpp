#include "routing/grouping.h"

#include <algorithm>
#include <fmt/format.h>
#include <set>

#include "routing/text_match.h"

namespace ghd {

using namespace std::chrono;

double text_similarity(const std::string& a, const std::string& b) {
  auto words = [](const std::string& s) {
    std::set<std::string> out;
    for (auto& t : match_tokens(s))
      if (t.size() > 2) out.insert(t);
    return out;
  };
  const auto x = words(a), y = words(b);
  if (x.empty() || y.empty()) return 0;
  size_t common = 0;
  for (const auto& w : x) common += y.count(w);
  return double(common) / double(x.size() + y.size() - common);
}

Result<std::optional<Request>> find_duplicate_of(RequestStore& store, const Request& r, const Config& config) {
  if (r.tenant.empty() || config.duplicate_window_days == 0) return std::optional<Request>();
  RequestFilter f;
  f.tenant = r.tenant;
  f.categories = {r.category};
  f.since = r.received_at - days{config.duplicate_window_days};
  f.until = r.received_at + seconds{1};
  GHD_ASSIGN(candidates, store.list(f));
  const std::string text = r.subject + " " + r.message;
  for (const auto& c : candidates) {  // oldest first
    if (c.id == r.id || c.status == "duplicate" || c.status == "rejected" || c.status == "cancelled") continue;
    if (c.received_at > r.received_at || (c.received_at == r.received_at && c.id > r.id)) continue;
    if (text_similarity(text, c.subject + " " + c.message) >= config.duplicate_similarity)
      return std::optional<Request>(c);
  }
  return std::optional<Request>();
}

std::optional<std::string> incident_kind(const std::vector<std::string>& tags) {
  for (const auto& t : tags)
    if (t.rfind("incident:", 0) == 0 && t.size() > 9) return t.substr(9);
  return std::nullopt;
}

Result<std::optional<IncidentLink>> link_incident(RequestStore& store, const Request& r, const std::string& kind,
                                                  const Config& config) {
  if (r.building.empty()) return std::optional<IncidentLink>();
  const auto window = hours{config.incident_window_hours};
  GHD_ASSIGN(open, store.open_incident(r.building, kind, r.received_at - window));
  if (open) return std::optional<IncidentLink>(IncidentLink{*open, false, {}});
  RequestFilter f;
  f.building = r.building;
  f.tag = "incident:" + kind;
  f.since = r.received_at - window;
  f.until = r.received_at + seconds{1};
  GHD_ASSIGN(reports, store.list(f));
  std::set<std::string> tenants;
  std::vector<Request> others;
  Instant opened = r.received_at;
  for (const auto& o : reports) {
    if (o.status == "duplicate" || o.status == "rejected" || o.status == "cancelled") continue;
    // A report of the window already in an incident: that is the one.
    if (o.id != r.id && o.incident_id) return std::optional<IncidentLink>(IncidentLink{*o.incident_id, false, {}});
    tenants.insert(o.tenant.empty() ? format_ref(o.id) : o.tenant);
    if (o.id != r.id && !o.incident_id) {
      others.push_back(o);
      opened = std::min(opened, o.received_at);
    }
  }
  tenants.insert(r.tenant.empty() ? format_ref(r.id) : r.tenant);
  if (int(tenants.size()) < config.incident_min_tenants) return std::optional<IncidentLink>();
  const long long id = store.create_incident(
      r.building, kind, opened, fmt::format("{}: {} in building {}, reported by {} tenants", kind, kind, r.building,
                                            tenants.size()));
  return std::optional<IncidentLink>(IncidentLink{id, true, others});
}

}  // namespace ghd
