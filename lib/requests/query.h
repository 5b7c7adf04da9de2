// What `list` and `export` select: filters, order and limit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "calendar/time.h"

namespace ghd {

struct RequestFilter {
  std::vector<std::string> statuses;
  std::vector<std::string> categories;
  std::vector<std::string> services;
  std::vector<std::string> priorities;
  std::vector<std::string> channels;
  std::string agency;    // agency id or name as received
  std::string building;
  std::string dwelling;
  std::string tenant;
  std::string tag;
  std::optional<Instant> since;  // received at or after
  std::optional<Instant> until;  // received before
  std::optional<Instant> overdue_at;  // open and due before this instant
  bool open_only = false;
  std::string text;  // words that must all appear in subject or message, folded

  enum class Order { received, received_desc, priority, due, ref } order = Order::received;
  long long limit = 0;  // 0: no limit
};

}  // namespace ghd
