#include "routing/grouping.h"

#include <algorithm>
#include <fmt/format.h>

#include "routing/text_match.h"

namespace ghd {

using namespace std::chrono;

namespace {

std::set<std::string> words_of(const std::string& text) {
  std::set<std::string> out;
  for (auto& t : match_tokens(text))
    if (t.size() > 2) out.insert(std::move(t));
  return out;
}

double jaccard(const std::set<std::string>& x, const std::set<std::string>& y) {
  if (x.empty() || y.empty()) return 0;
  size_t common = 0;
  for (const auto& w : x) common += y.count(w);
  return double(common) / double(x.size() + y.size() - common);
}

bool set_aside(const std::string& status) {
  return status == "duplicate" || status == "rejected" || status == "cancelled";
}

}  // namespace

double text_similarity(const std::string& a, const std::string& b) { return jaccard(words_of(a), words_of(b)); }

std::optional<std::string> incident_kind(const std::vector<std::string>& tags) {
  for (const auto& t : tags)
    if (t.rfind("incident:", 0) == 0 && t.size() > 9) return t.substr(9);
  return std::nullopt;
}

Result<RecentRequests> RecentRequests::load(RequestStore& store, Instant from, Instant until) {
  RequestFilter f;
  f.since = from;
  f.until = until;
  GHD_ASSIGN(requests, store.list(f));
  RecentRequests out;
  out.requests_ = std::move(requests);
  out.entries_.reserve(out.requests_.size());
  for (const auto& r : out.requests_) out.add(r, &r);
  return out;
}

std::span<const size_t> RecentRequests::from(const std::vector<size_t>& indexes, Instant since) const {
  // Entries are read in the order received, so each list is sorted by time.
  auto first = std::lower_bound(indexes.begin(), indexes.end(), since,
                                [&](size_t i, Instant t) { return entries_[i].received < t; });
  return {indexes.data() + (first - indexes.begin()), size_t(indexes.end() - first)};
}

void RecentRequests::add(const Request& r, const Request* stored) {
  const size_t i = entries_.size();
  Entry e{r.id, r.received_at, r.tenant, r.category, r.building, r.status, stored, std::nullopt,
          incident_kind(r.tags).value_or(""), r.incident_id};
  if (!stored) e.words = words_of(r.subject + " " + r.message);
  entries_.push_back(std::move(e));
  by_id_[r.id] = i;
  if (!r.tenant.empty()) by_tenant_[r.tenant].push_back(i);
  if (!r.building.empty()) by_building_[r.building].push_back(i);
}

void RecentRequests::update(const Request& r) {
  auto it = by_id_.find(r.id);
  if (it == by_id_.end()) {
    add(r, nullptr);
    return;
  }
  Entry& e = entries_[it->second];
  e.status = r.status;
  e.incident_kind = incident_kind(r.tags).value_or("");
  e.incident_id = r.incident_id;
}

std::optional<long long> RecentRequests::duplicate_of(const Request& r, const Config& config) const {
  if (r.tenant.empty() || config.duplicate_window_days == 0) return std::nullopt;
  auto it = by_tenant_.find(r.tenant);
  if (it == by_tenant_.end()) return std::nullopt;
  const Instant since = r.received_at - days{config.duplicate_window_days};
  const auto words = words_of(r.subject + " " + r.message);
  for (size_t i : from(it->second, since)) {  // oldest first
    const Entry& e = entries_[i];
    if (e.id == r.id || set_aside(e.status) || e.category != r.category) continue;
    if (e.received < since || e.received > r.received_at || (e.received == r.received_at && e.id > r.id)) continue;
    if (!e.words) e.words = words_of(e.request->subject + " " + e.request->message);
    if (jaccard(words, *e.words) >= config.duplicate_similarity) return e.id;
  }
  return std::nullopt;
}

RecentRequests::IncidentCandidate RecentRequests::incident_candidate(const Request& r, const std::string& kind,
                                                                     const Config& config) const {
  IncidentCandidate c;
  c.first_report = r.received_at;
  std::set<std::string> tenants{r.tenant.empty() ? format_ref(r.id) : r.tenant};
  auto it = by_building_.find(r.building);
  if (r.building.empty() || it == by_building_.end()) {
    c.tenants = tenants.size();
    return c;
  }
  const Instant since = r.received_at - hours{config.incident_window_hours};
  for (size_t i : from(it->second, since)) {
    const Entry& e = entries_[i];
    if (e.received > r.received_at) break;
    if (e.incident_kind != kind || e.id == r.id || set_aside(e.status)) continue;
    if (e.incident_id && !c.existing) c.existing = e.incident_id;
    if (!e.incident_id) c.others.push_back(e.id);
    tenants.insert(e.tenant.empty() ? format_ref(e.id) : e.tenant);
    c.first_report = std::min(c.first_report, e.received);
  }
  c.tenants = tenants.size();
  return c;
}

}  // namespace ghd
