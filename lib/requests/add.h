// Recording one request typed by reception (phone, counter, mail).
#pragma once

#include "store/request_store.h"

namespace ghd {

// Fills in what the store derives (building, source, creation), validates and
// stores the request; returns its id. received_at defaults to `now`.
Result<long long> add_request(RequestStore& store, Request r, const std::string& actor, Instant now);

}  // namespace ghd
