// A tenant's request and the vocabularies it is described with. Identifiers
// are the stable English machine names; French labels are what staff read.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "calendar/time.h"
#include "core/status.h"

namespace ghd {

struct Term {
  std::string_view id;
  std::string_view label_fr;
};

// Categories the tenant picks, channels requests arrive by, services they are
// forwarded to, priorities and lifecycle states.
extern const std::vector<Term> kCategories;
extern const std::vector<Term> kChannels;
extern const std::vector<Term> kServices;
extern const std::vector<Term> kPriorities;
extern const std::vector<Term> kStatuses;

bool is_term(const std::vector<Term>& terms, std::string_view id);
// Finds a term by id or by French label, ignoring case and accents.
const Term* find_term(const std::vector<Term>& terms, std::string_view id_or_label);
std::string_view label_fr(const std::vector<Term>& terms, std::string_view id);
std::string term_ids(const std::vector<Term>& terms);  // "a, b, c" for messages

struct Request {
  long long id = 0;                 // internal; shown as ref()
  std::string external_ref;         // e.g. AV-2026-004217; empty for requests typed here
  std::string source;               // import mapping name, or "manual"
  Instant received_at{};
  std::string channel;
  std::string category;
  std::string subject;
  std::string message;
  std::string tenant;
  std::string dwelling;
  std::string building;             // from the housing stock, else from the dwelling reference
  std::string agency;
  std::string phone;                // E.164 when recognised
  std::string email;
  std::string status = "new";
  std::string service;
  std::string priority;
  std::optional<Instant> due_at;
  std::string assignee;
  std::vector<std::string> tags;
  std::optional<long long> duplicate_of;
  std::optional<long long> incident_id;
  Instant created_at{};
  std::string created_by;
  Instant updated_at{};
};

// What the housing stock says of the tenant who made a request.
struct TenantFacts {
  bool elderly = false;
  bool vulnerable = false;
};

std::string format_ref(long long id);                    // 42 -> "R000042"
std::optional<long long> parse_ref(std::string_view s);  // "R000042" or "r42" -> 42

// "06 12 34 56 78", "+33 6 12 34 56 78", "0033612345678" -> "+33612345678";
// a number that is not recognisably French is kept as typed, trimmed.
std::string normalise_phone(std::string_view s);
// Checks the fields a request must have and that ids are known.
Status validate(const Request& r);

}  // namespace ghd
