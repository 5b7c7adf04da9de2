// Changing requests: every change is checked (lifecycle, vocabularies) and
// recorded in the history with who, when, the old and the new value.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/request_store.h"

namespace ghd {

struct RequestChange {
  std::optional<std::string> status;
  std::optional<std::string> service;
  std::optional<std::string> priority;
  std::optional<std::optional<Instant>> due_at;  // set, or cleared with nullopt inside
  std::optional<std::string> assignee;
  std::vector<std::string> add_tags;
  std::vector<std::string> remove_tags;
  std::optional<std::string> duplicate_of;  // a reference; implies status duplicate
  std::string note;
  bool empty() const {
    return !status && !service && !priority && !due_at && !assignee && add_tags.empty() && remove_tags.empty() &&
           !duplicate_of && note.empty();
  }
};

struct UpdateOutcome {
  std::string ref;
  int changes = 0;  // fields changed; 0 when the request already was so
};

// Applies one change to every reference, all or nothing: when one request
// cannot take it, none is changed and every refusal is listed.
Status update_requests(RequestStore& store, const std::vector<std::string>& refs, const RequestChange& change,
                       const std::string& actor, Instant now, std::vector<UpdateOutcome>& outcomes,
                       std::vector<std::string>& errors);

// Tags are short lower-case words: letters, digits, '-', '_' and ':'.
Status check_tag(const std::string& tag);

}  // namespace ghd
