#include "requests/add.h"

#include <fmt/format.h>

#include "housing/stock.h"
#include "requests/update.h"
#include "store/stock_store.h"

namespace ghd {

Result<long long> add_request(RequestStore& store, Request r, const std::string& actor, Instant now) {
  if (r.received_at == Instant{}) r.received_at = now;
  if (r.channel.empty()) r.channel = "phone";
  if (r.source.empty()) r.source = "manual";
  r.status = "new";
  r.created_at = now;
  r.created_by = actor;
  r.updated_at = now;
  if (r.received_at > now + std::chrono::minutes{5})
    return Status::DataError(fmt::format("received time {} is in the future", format_iso(r.received_at)));
  GHD_TRY(validate(r));
  for (const auto& t : r.tags) GHD_TRY(check_tag(t));
  try {
    WriteTransaction tx(store.database().sql());
    if (r.building.empty() && !r.dwelling.empty())
      r.building = StockStore(store.database()).building_of_dwelling(r.dwelling)
                       .value_or(building_from_dwelling_ref(r.dwelling));
    GHD_ASSIGN(id, store.insert(r));
    tx.commit();
    return id;
  } catch (const SQLite::Exception& e) {
    return sqlite_status(e, store.database().path());
  }
}

}  // namespace ghd
