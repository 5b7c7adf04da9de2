#include "requests/retention.h"

#include <fmt/format.h>

namespace ghd {

Status apply_request_retention(RequestStore& store, int days, const std::string& actor, Instant now, bool dry_run,
                               RetentionReport& report) {
  if (days < 1) return Status::Config("retention.closed_requests_days must be at least 1");
  report = RetentionReport{};
  report.cutoff = now - std::chrono::days{days};
  try {
    WriteTransaction tx(store.database().sql());
    GHD_ASSIGN(ids, store.final_with_personal_data_before(report.cutoff));
    report.erased = ids;
    if (dry_run) return Status::Ok();
    for (long long id : ids) {
      store.erase_personal_data(id, now);
      store.add_history({id, now, actor, "personal_data", "", "",
                         fmt::format("erased after {} days (retention.closed_requests_days)", days)});
    }
    tx.commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, store.database().path());
  }
}

}  // namespace ghd
