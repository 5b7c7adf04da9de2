#include "telemetry/consent.h"

#include <algorithm>

#include <fmt/format.h>

#include "core/text.h"
#include "store/consent_store.h"

namespace ghd {

bool Consent::covers(const std::string& what, Instant t) const {
  if (t < granted_at || (revoked_at && t >= *revoked_at)) return false;
  return std::find(scope.begin(), scope.end(), what) != scope.end();
}

bool is_activity_metric(const std::string& metric) { return metric == "motion" || metric == "door"; }

bool is_consent_scope(const std::string& what) { return what == "activity" || what == "temperature"; }

bool ConsentBook::covers(const std::string& dwelling, const std::string& what, Instant t) const {
  for (const auto& c : all_)
    if (c.dwelling == dwelling && c.covers(what, t)) return true;
  return false;
}

Status grant_consent(Database& db, const std::string& dwelling, const std::vector<std::string>& scope,
                     const std::string& form_ref, const std::string& actor, Instant now) {
  if (dwelling.empty()) return Status::Usage("a consent needs a dwelling");
  if (form_ref.empty()) return Status::Usage("a consent needs the reference of the signed form (--form)");
  if (scope.empty()) return Status::Usage("a consent needs a scope: activity, temperature");
  for (const auto& s : scope)
    if (!is_consent_scope(s))
      return Status::Usage(fmt::format("unknown scope '{}' (expected activity or temperature)", s));
  try {
    WriteTransaction tx(db.sql());
    ConsentStore store(db);
    store.grant({0, dwelling, scope, form_ref, now, actor, std::nullopt, "", std::nullopt});
    store.audit({now, actor, "consent-grant", dwelling, "", fmt::format("scope {} form {}", join(scope, ","), form_ref)});
    tx.commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db.path());
  }
}

Status revoke_consent(Database& db, const std::string& dwelling, const std::string& actor, Instant now) {
  try {
    WriteTransaction tx(db.sql());
    ConsentStore store(db);
    if (store.revoke(dwelling, actor, now) == 0)
      return Status::DataError(fmt::format("{}: no consent in force", dwelling));
    store.audit({now, actor, "consent-revoke", dwelling, "", ""});
    tx.commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, db.path());
  }
}

}  // namespace ghd
