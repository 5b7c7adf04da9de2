// Grouping at triage time: a tenant writing again about the same thing is a
// duplicate of the first request; several tenants of one building reporting
// the same collective fault are one incident.
//
// The requests of the windows are read once into memory (RecentRequests), so
// that the morning triage asks the store nothing per request.
#pragma once

#include <optional>
#include <set>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "config/config.h"
#include "store/request_store.h"

namespace ghd {

// Share of distinct words two texts have in common (Jaccard index, 0 to 1),
// words of one or two letters left out.
double text_similarity(const std::string& a, const std::string& b);

// The collective fault a request reports, from its tags ("incident:KIND").
std::optional<std::string> incident_kind(const std::vector<std::string>& tags);

class RecentRequests {
 public:
  // The requests received in [from, until).
  static Result<RecentRequests> load(RequestStore& store, Instant from, Instant until);

  // The earlier request `r` duplicates: same tenant, same category, received
  // within the window before it, text at least as similar as the config
  // asks. Always the first request, never a duplicate.
  std::optional<long long> duplicate_of(const Request& r, const Config& config) const;

  struct IncidentCandidate {
    std::optional<long long> existing;  // an incident a report of the window is already in
    std::vector<long long> others;      // reports of the window not yet in one
    size_t tenants = 0;                 // distinct tenants reporting, `r` included
    Instant first_report{};
  };
  // What the window holds of reports of `kind` in the building of `r`.
  IncidentCandidate incident_candidate(const Request& r, const std::string& kind, const Config& config) const;

  // Keeps the index in step with what triage decided.
  void update(const Request& r);
  // The requests as read, in the order received.
  const std::vector<Request>& requests() const { return requests_; }

 private:
  struct Entry {
    long long id = 0;
    Instant received{};
    std::string tenant, category, building, status;
    const Request* request = nullptr;
    mutable std::optional<std::set<std::string>> words;  // computed when first compared
    std::string incident_kind;  // from the tags
    std::optional<long long> incident_id;
  };
  std::vector<Request> requests_;
  std::vector<Entry> entries_;
  std::unordered_map<long long, size_t> by_id_;
  std::unordered_map<std::string, std::vector<size_t>> by_tenant_, by_building_;
  void add(const Request& r, const Request* stored);
  // The part of a time-ordered list of entries received from `since` on.
  std::span<const size_t> from(const std::vector<size_t>& indexes, Instant since) const;
};

}  // namespace ghd
