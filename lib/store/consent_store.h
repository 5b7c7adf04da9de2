// Consents and the audit log in the store.
#pragma once

#include <string>
#include <vector>

#include "store/database.h"
#include "telemetry/consent.h"

namespace ghd {

class ConsentStore {
 public:
  explicit ConsentStore(Database& db) : db_(db) {}
  // Within the caller's transaction.
  void grant(const Consent& c);
  // Revokes the consents of a dwelling in force; returns how many.
  int revoke(const std::string& dwelling, const std::string& actor, Instant now);
  Result<std::vector<Consent>> list(const std::string& dwelling);
  void audit(const AuditEntry& e);
  Result<std::vector<AuditEntry>> audit_log(const std::string& dwelling, Instant since);
  // Deletes the stored activity readings of the dwelling of each consent
  // revoked before `cutoff` and not yet purged; returns readings deleted.
  long long purge_revoked_before(Instant cutoff, Instant now);

 private:
  Database& db_;
};

}  // namespace ghd
