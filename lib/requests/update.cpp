#include "requests/update.h"

#include <algorithm>
#include <fmt/format.h>

#include "requests/lifecycle.h"

namespace ghd {

Status check_tag(const std::string& tag) {
  if (tag.empty() || tag.size() > 64) return Status::Usage(fmt::format("invalid tag '{}'", tag));
  for (char c : tag)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == ':'))
      return Status::Usage(fmt::format("invalid tag '{}' (use a-z, 0-9, '-', '_' and ':')", tag));
  return Status::Ok();
}

namespace {

std::string show_due(const std::optional<Instant>& t) { return t ? format_iso(*t) : std::string(); }

// Applies the change to `r`, listing what changed as history entries.
Status apply(Request& r, const RequestChange& c, std::optional<long long> duplicate_target,
             std::vector<HistoryEntry>& changes) {
  auto record = [&](const char* field, const std::string& old_v, const std::string& new_v) {
    if (old_v != new_v) changes.push_back({r.id, {}, {}, field, old_v, new_v, {}});
  };
  std::string status = c.status.value_or(r.status);
  if (duplicate_target) {
    if (c.status && *c.status != "duplicate")
      return Status::Usage("--duplicate-of sets the status 'duplicate'; do not give another --status");
    if (*duplicate_target == r.id) return Status::DataError("a request cannot duplicate itself");
    status = "duplicate";
  }
  if (status == "duplicate" && !duplicate_target && !r.duplicate_of)
    return Status::Usage("status 'duplicate' needs --duplicate-of REF");
  if (status != r.status) GHD_TRY(check_transition(r.status, status));
  record("status", r.status, status);
  r.status = status;
  if (duplicate_target) {
    record("duplicate_of", r.duplicate_of ? format_ref(*r.duplicate_of) : "", format_ref(*duplicate_target));
    r.duplicate_of = duplicate_target;
  }
  if (c.service) {
    if (!c.service->empty() && !is_term(kServices, *c.service))
      return Status::Usage(fmt::format("unknown service '{}' (expected one of: {})", *c.service, term_ids(kServices)));
    record("service", r.service, *c.service);
    r.service = *c.service;
  }
  if (c.priority) {
    if (!c.priority->empty() && !is_term(kPriorities, *c.priority))
      return Status::Usage(fmt::format("unknown priority '{}' (expected P1, P2, P3 or P4)", *c.priority));
    record("priority", r.priority, *c.priority);
    r.priority = *c.priority;
  }
  if (c.due_at) {
    record("due_at", show_due(r.due_at), show_due(*c.due_at));
    r.due_at = *c.due_at;
  }
  if (c.assignee) {
    record("assignee", r.assignee, *c.assignee);
    r.assignee = *c.assignee;
  }
  for (const auto& t : c.add_tags) {
    GHD_TRY(check_tag(t));
    if (std::find(r.tags.begin(), r.tags.end(), t) == r.tags.end()) {
      r.tags.push_back(t);
      changes.push_back({r.id, {}, {}, "tag", "", t, {}});
    }
  }
  for (const auto& t : c.remove_tags) {
    auto it = std::find(r.tags.begin(), r.tags.end(), t);
    if (it != r.tags.end()) {
      r.tags.erase(it);
      changes.push_back({r.id, {}, {}, "tag", t, "", {}});
    }
  }
  std::sort(r.tags.begin(), r.tags.end());
  if (!c.note.empty()) changes.push_back({r.id, {}, {}, "note", "", "", c.note});
  return Status::Ok();
}

}  // namespace

Status update_requests(RequestStore& store, const std::vector<std::string>& refs, const RequestChange& change,
                       const std::string& actor, Instant now, std::vector<UpdateOutcome>& outcomes,
                       std::vector<std::string>& errors) {
  if (refs.empty()) return Status::Usage("no request to update");
  if (change.empty()) return Status::Usage("nothing to change: give at least one of --status, --service, "
                                           "--priority, --due, --assign, --tag, --untag, --duplicate-of, --note");
  try {
    WriteTransaction tx(store.database().sql());
    std::optional<long long> duplicate_target;
    if (change.duplicate_of) {
      GHD_ASSIGN(target, store.resolve(*change.duplicate_of));
      if (!target) return Status::DataError(fmt::format("{}: no such request", *change.duplicate_of));
      duplicate_target = *target;
    }
    std::vector<std::pair<Request, std::vector<HistoryEntry>>> planned;
    for (const auto& ref : refs) {
      GHD_ASSIGN(id, store.resolve(ref));
      if (!id) {
        errors.push_back(fmt::format("{}: no such request", ref));
        continue;
      }
      GHD_ASSIGN(found, store.get(*id));
      Request r = std::move(*found);
      std::vector<HistoryEntry> changes;
      const Status s = apply(r, change, duplicate_target, changes);
      if (!s.ok()) {
        errors.push_back(fmt::format("{}: {}", format_ref(r.id), s.message()));
        continue;
      }
      planned.emplace_back(std::move(r), std::move(changes));
    }
    if (!errors.empty())
      return Status::DataError(fmt::format("{} of {} request(s) refused the change; nothing was changed",
                                           errors.size(), refs.size()));
    for (auto& [r, changes] : planned) {
      int fields = 0;
      for (auto& h : changes) {
        h.at = now;
        h.actor = actor;
        store.add_history(h);
        fields += h.field != "note";
      }
      if (!changes.empty()) {
        r.updated_at = now;
        store.save_changes(r);
      }
      outcomes.push_back({format_ref(r.id), fields});
    }
    tx.commit();
    return Status::Ok();
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, store.database().path());
  }
}

}  // namespace ghd
