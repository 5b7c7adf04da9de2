#include <catch2/catch.hpp>

#include "helpers.h"
#include "requests/add.h"
#include "requests/lifecycle.h"
#include "requests/retention.h"
#include "requests/serialize.h"
#include "requests/update.h"

using namespace ghd;
using ghd::test::TempDir;

namespace {
Instant at(const char* iso) { return *parse_instant(iso); }

Request sample() {
  Request r;
  r.category = "technical";
  r.channel = "phone";
  r.subject = "Fuite";
  r.message = "Le mitigeur fuit";
  r.dwelling = "FO-B12-0304";
  r.received_at = at("2026-11-30T08:00:00+01:00");
  return r;
}
}  // namespace

TEST_CASE("French phone numbers are normalised to E.164") {
  CHECK(normalise_phone("06 12 34 56 78") == "+33612345678");
  CHECK(normalise_phone("+33612345678") == "+33612345678");
  CHECK(normalise_phone("+33 (0)6 12 34 56 78") == "+33612345678");
  CHECK(normalise_phone("0033 6 12 34 56 78") == "+33612345678");
  CHECK(normalise_phone("06.12.34.56.78") == "+33612345678");
  CHECK(normalise_phone("+44 20 7946 0958") == "+44 20 7946 0958");
  CHECK(normalise_phone("") == "");
}

TEST_CASE("references") {
  CHECK(format_ref(42) == "R000042");
  CHECK(parse_ref("R000042") == 42);
  CHECK(parse_ref("r42") == 42);
  CHECK_FALSE(parse_ref("AV-2026-000042"));
  CHECK_FALSE(parse_ref("R"));
  CHECK_FALSE(parse_ref("R0"));
}

TEST_CASE("the lifecycle allows only its transitions") {
  CHECK(check_transition("new", "triaged").ok());
  CHECK(check_transition("new", "forwarded").ok());
  CHECK(check_transition("in-progress", "resolved").ok());
  CHECK(check_transition("resolved", "closed").ok());
  CHECK(check_transition("resolved", "in-progress").ok());  // reopened
  for (auto s : {"new", "triaged", "forwarded", "in-progress"})
    for (auto to : {"rejected", "cancelled", "duplicate"}) CHECK(check_transition(s, to).ok());
  const Status s = check_transition("new", "closed");
  CHECK(s.code() == ExitCode::data_error);
  CHECK(s.message() == "cannot go from 'new' to 'closed' (allowed: triaged, forwarded, rejected, cancelled, duplicate)");
  CHECK_THAT(check_transition("closed", "new").message(), Catch::Contains("'closed' is final"));
  CHECK(check_transition("new", "bogus").code() == ExitCode::usage);
}

TEST_CASE("adding a request validates it and derives its building") {
  TempDir dir;
  auto db = Database::open(dir.file("ghd.db"));
  RequestStore store(**db);
  auto id = add_request(store, sample(), "alice", at("2026-11-30T09:00:00+01:00"));
  REQUIRE(id.ok());
  auto r = *store.get(*id);
  REQUIRE(r);
  CHECK(r->building == "FO-B12");
  CHECK(r->created_by == "alice");
  CHECK(r->status == "new");
  Request bad = sample();
  bad.category = "plumbing";
  CHECK(add_request(store, bad, "alice", at("2026-11-30T09:00:00+01:00")).status().code() == ExitCode::data_error);
  Request future = sample();
  future.received_at = at("2026-12-30T09:00:00+01:00");
  CHECK_FALSE(add_request(store, future, "alice", at("2026-11-30T09:00:00+01:00")).ok());
}

TEST_CASE("updates are checked, all or nothing, and recorded in the history") {
  TempDir dir;
  auto db = Database::open(dir.file("ghd.db"));
  RequestStore store(**db);
  const Instant now = at("2026-11-30T09:00:00+01:00");
  const auto a = *add_request(store, sample(), "alice", now);
  const auto b = *add_request(store, sample(), "alice", now);
  std::vector<UpdateOutcome> out;
  std::vector<std::string> errors;

  RequestChange triage;
  triage.status = "triaged";
  triage.service = "plomberie";
  triage.priority = "P3";
  triage.add_tags = {"fuite"};
  REQUIRE(update_requests(store, {format_ref(a)}, triage, "bob", now + std::chrono::minutes{5}, out, errors).ok());
  auto ra = *store.get(a);
  CHECK(ra->status == "triaged");
  CHECK(ra->service == "plomberie");
  CHECK(ra->tags == std::vector<std::string>{"fuite"});
  auto h = *store.history(a);
  REQUIRE(h.size() == 4);
  CHECK(h[0].field == "status");
  CHECK(h[0].old_value == "new");
  CHECK(h[0].new_value == "triaged");
  CHECK(h[0].actor == "bob");
  CHECK(h[3].field == "tag");

  // Closing a triaged and a new request: the new one cannot be closed, so
  // neither changes.
  RequestChange close;
  close.status = "closed";
  out.clear();
  const Status s = update_requests(store, {format_ref(a), format_ref(b)}, close, "bob", now, out, errors);
  CHECK(s.code() == ExitCode::data_error);
  CHECK(errors.size() == 2);
  CHECK(store.get(a)->value().status == "triaged");
  CHECK(store.get(b)->value().status == "new");

  // A duplicate needs the request it duplicates.
  errors.clear();
  RequestChange dup;
  dup.duplicate_of = format_ref(a);
  REQUIRE(update_requests(store, {format_ref(b)}, dup, "bob", now, out, errors).ok());
  auto rb = *store.get(b);
  CHECK(rb->status == "duplicate");
  CHECK(rb->duplicate_of == a);
  RequestChange dup_only;
  dup_only.status = "duplicate";
  const auto c = *add_request(store, sample(), "alice", now);
  CHECK(update_requests(store, {format_ref(c)}, dup_only, "bob", now, out, errors).code() == ExitCode::data_error);

  // Running the same change twice does nothing the second time.
  out.clear();
  errors.clear();
  REQUIRE(update_requests(store, {format_ref(a)}, triage, "bob", now, out, errors).ok());
  CHECK(out[0].changes == 0);
  CHECK(store.history(a)->size() == 4);
}

TEST_CASE("list filters") {
  TempDir dir;
  auto db = Database::open(dir.file("ghd.db"));
  RequestStore store(**db);
  const Instant now = at("2026-11-30T09:00:00+01:00");
  Request r1 = sample();
  r1.message = "Odeur de GAZ dans la cuisine";
  r1.received_at = at("2026-11-27T18:00:00+01:00");
  Request r2 = sample();
  r2.category = "pests";
  r2.message = "Cafards";
  r2.received_at = at("2026-11-29T10:00:00+01:00");
  const auto id1 = *add_request(store, r1, "a", now);
  const auto id2 = *add_request(store, r2, "a", now);
  RequestFilter f;
  f.text = "gaz";
  CHECK(store.list(f)->size() == 1);
  f = {};
  f.categories = {"pests"};
  REQUIRE(store.list(f)->size() == 1);
  CHECK(store.list(f)->at(0).id == id2);
  f = {};
  f.since = at("2026-11-28T00:00:00+01:00");
  CHECK(store.list(f)->size() == 1);
  f = {};
  f.order = RequestFilter::Order::received_desc;
  f.limit = 1;
  CHECK(store.list(f)->at(0).id == id2);
  // Overdue: open and due before now.
  std::vector<UpdateOutcome> out;
  std::vector<std::string> errors;
  RequestChange due;
  due.due_at = std::optional<Instant>(at("2026-11-29T12:00:00+01:00"));
  REQUIRE(update_requests(store, {format_ref(id1)}, due, "a", now, out, errors).ok());
  f = {};
  f.overdue_at = now;
  REQUIRE(store.list(f)->size() == 1);
  CHECK(store.list(f)->at(0).id == id1);
}

TEST_CASE("a request given as JSON") {
  auto r = request_from_json(nlohmann::json::parse(
      R"({"category":"Nuisibles","channel":"counter","message":"Guêpes","received_at":"2026-11-30T08:00:00Z","tags":["x"]})"));
  REQUIRE(r.ok());
  CHECK(r->category == "pests");
  CHECK(r->channel == "counter");
  CHECK(r->tags == std::vector<std::string>{"x"});
  CHECK_FALSE(request_from_json(nlohmann::json::parse(R"({"categroy":"pests"})")).ok());
  CHECK_FALSE(request_from_json(nlohmann::json::parse(R"({"received_at":"yesterday"})")).ok());
}

TEST_CASE("retention erases the personal data of requests over for long enough, once") {
  TempDir dir;
  auto db = Database::open(dir.file("ghd.db"));
  RequestStore store(**db);
  const Instant t0 = at("2020-01-10T09:00:00+01:00");
  Request r = sample();
  r.received_at = t0;
  r.phone = "+33612345678";
  r.tenant = "L0001";
  const auto old_closed = *add_request(store, r, "a", t0);
  const auto old_open = *add_request(store, r, "a", t0);
  std::vector<UpdateOutcome> out;
  std::vector<std::string> errors;
  RequestChange cancel;
  cancel.status = "cancelled";
  REQUIRE(update_requests(store, {format_ref(old_closed)}, cancel, "a", t0, out, errors).ok());

  RetentionReport report;
  const Instant now = at("2026-01-10T09:00:00+01:00");
  REQUIRE(apply_request_retention(store, 1825, "cron", now, true, report).ok());
  CHECK(report.erased == std::vector<long long>{old_closed});
  CHECK(store.get(old_closed)->value().phone == "+33612345678");  // dry run

  REQUIRE(apply_request_retention(store, 1825, "cron", now, false, report).ok());
  const Request erased = store.get(old_closed)->value();
  CHECK(erased.phone.empty());
  CHECK(erased.message.empty());
  CHECK(erased.tenant.empty());
  CHECK(erased.category == "technical");  // statistics stay
  CHECK(store.history(old_closed)->back().field == "personal_data");
  CHECK(store.get(old_open)->value().phone == "+33612345678");  // still open: kept

  REQUIRE(apply_request_retention(store, 1825, "cron", now, false, report).ok());
  CHECK(report.erased.empty());
}
