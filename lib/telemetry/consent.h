// Consent of tenants ("levée de doute"): activity data of a dwelling (motion
// and door sensors) is processed only while its tenant's consent stands,
// from the date of consent until it is withdrawn, and only what the consent
// covers (activity, temperature). Withdrawal takes effect at once; the
// activity data already stored is deleted after the configured delay. Every
// look at a dwelling's activity data by a person is logged (who, when, why).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calendar/time.h"
#include "core/status.h"
#include "store/database.h"

namespace ghd {

struct Consent {
  long long id = 0;
  std::string dwelling;
  std::vector<std::string> scope;  // activity, temperature
  std::string form_ref;
  Instant granted_at{};
  std::string granted_by;
  std::optional<Instant> revoked_at;
  std::string revoked_by;
  std::optional<Instant> purged_at;
  // Whether this consent allows processing `what` of its dwelling at `t`.
  bool covers(const std::string& what, Instant t) const;
};

// Metrics that describe what a person does at home.
bool is_activity_metric(const std::string& metric);
bool is_consent_scope(const std::string& what);  // activity, temperature

// Every consent, to check readings against.
class ConsentBook {
 public:
  explicit ConsentBook(std::vector<Consent> all) : all_(std::move(all)) {}
  bool covers(const std::string& dwelling, const std::string& what, Instant t) const;

 private:
  std::vector<Consent> all_;
};

struct AuditEntry {
  Instant at{};
  std::string actor, action, dwelling, device, reason;
};

// Records a consent (scope: activity and/or temperature; the signed form's
// reference is required).
Status grant_consent(Database& db, const std::string& dwelling, const std::vector<std::string>& scope,
                     const std::string& form_ref, const std::string& actor, Instant now);
// Withdraws the consents of a dwelling at once; a data error when none stands.
Status revoke_consent(Database& db, const std::string& dwelling, const std::string& actor, Instant now);

}  // namespace ghd
