// Retention (GDPR): a request that is over is kept for statistics, but its
// personal data (who, how to reach them, what they wrote) is removed once the
// configured number of days has passed since its last change.
#pragma once

#include "store/request_store.h"

namespace ghd {

struct RetentionReport {
  Instant cutoff{};
  std::vector<long long> erased;
};

// Erases (or with dry_run only lists) what retention says is due; recorded
// in each request's history. Running it twice erases nothing the second time.
Status apply_request_retention(RequestStore& store, int days, const std::string& actor, Instant now, bool dry_run,
                               RetentionReport& report);

}  // namespace ghd
