// Grouping at triage time: a tenant writing again about the same thing is a
// duplicate of the first request; several tenants of one building reporting
// the same collective fault are one incident.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "store/request_store.h"

namespace ghd {

// Share of distinct words two texts have in common (Jaccard index, 0 to 1),
// words of one or two letters left out.
double text_similarity(const std::string& a, const std::string& b);

// The earlier request this one duplicates: same tenant, same category,
// received within the window before it, text at least as similar as the
// config asks. Duplicates point at the first request, never at a duplicate.
Result<std::optional<Request>> find_duplicate_of(RequestStore& store, const Request& r, const Config& config);

// The collective fault a request reports, from its tags ("incident:KIND").
std::optional<std::string> incident_kind(const std::vector<std::string>& tags);

struct IncidentLink {
  long long incident_id = 0;
  bool created = false;
  std::vector<Request> others;  // earlier requests now linked to it too
};
// Links `r` (already saved with its tags) to an open incident of its building
// and kind, or opens one when enough tenants reported the fault within the
// window. Nothing when neither applies.
Result<std::optional<IncidentLink>> link_incident(RequestStore& store, const Request& r, const std::string& kind,
                                                  const Config& config);

}  // namespace ghd
