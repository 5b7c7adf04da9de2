#include "cli/request/filter_options.h"

#include <cctype>

#include <fmt/format.h>

#include "calendar/time_spec.h"
#include "core/text.h"
#include "requests/request.h"

namespace ghd::cli {

namespace {
std::string ascii_upper(std::string s) {
  for (char& c : s) c = char(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> ids(const std::vector<Term>& terms) {
  std::vector<std::string> out;
  for (const auto& t : terms) out.emplace_back(t.id);
  return out;
}
}  // namespace

void add_filter_options(CLI::App* cmd, FilterArgs& a) {
  auto choice = [cmd](const char* name, std::vector<std::string>& into, const std::vector<Term>& terms,
                      const char* what) {
    cmd->add_option(name, into, fmt::format("Only {} (repeatable): {}", what, fmt::join(ids(terms), ", ")))
        ->check(CLI::IsMember(ids(terms)).description(""))
        ->type_name(fmt::format("{}", ascii_upper(name + 2)))
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
  };
  choice("--status", a.status, kStatuses, "these statuses");
  choice("--category", a.category, kCategories, "these categories");
  choice("--service", a.service, kServices, "these services");
  choice("--priority", a.priority, kPriorities, "these priorities");
  choice("--channel", a.channel, kChannels, "these channels");
  cmd->add_option("--agency", a.agency, "Agency id or name");
  cmd->add_option("--building", a.building, "Building id");
  cmd->add_option("--dwelling", a.dwelling, "Dwelling reference");
  cmd->add_option("--tenant", a.tenant, "Tenant reference");
  cmd->add_option("--tag", a.tag, "Requests with this tag");
  cmd->add_option("--since", a.since, "Received at or after (today, yesterday, last-business-day, a date or a time)")
      ->type_name("WHEN");
  cmd->add_option("--until", a.until, "Received before (a date means up to the end of that day)")->type_name("WHEN");
  cmd->add_flag("--open", a.open, "Only open requests (new, triaged, forwarded, in-progress)");
  cmd->add_flag("--overdue", a.overdue, "Only open requests past their due time");
  cmd->add_option("--text", a.text, "Words that must all appear in the subject or message (case and accents ignored)");
  cmd->add_option("--sort", a.sort, "Order: received, -received (newest first), priority, due, ref")
      ->check(CLI::IsMember({"received", "-received", "priority", "due", "ref"}).description(""))
      ->type_name("ORDER")
      ->capture_default_str();
  cmd->add_option("--limit", a.limit, "At most N requests")->check(CLI::NonNegativeNumber);
}

Result<RequestFilter> make_filter(const FilterArgs& a, const Context& ctx) {
  RequestFilter f;
  f.statuses = a.status;
  f.categories = a.category;
  f.services = a.service;
  f.priorities = a.priority;
  f.channels = a.channel;
  f.agency = a.agency;
  f.building = a.building;
  f.dwelling = a.dwelling;
  f.tenant = a.tenant;
  f.tag = a.tag;
  f.open_only = a.open;
  f.text = fold(a.text);
  f.limit = a.limit;
  const auto calendar = ctx.config.business_days();
  if (!a.since.empty()) {
    GHD_ASSIGN(t, resolve_time_spec(a.since, Bound::lower, ctx.now(), calendar));
    f.since = t;
  }
  if (!a.until.empty()) {
    GHD_ASSIGN(t, resolve_time_spec(a.until, Bound::upper, ctx.now(), calendar));
    f.until = t;
  }
  if (a.overdue) f.overdue_at = ctx.now();
  if (a.sort == "-received") f.order = RequestFilter::Order::received_desc;
  else if (a.sort == "priority") f.order = RequestFilter::Order::priority;
  else if (a.sort == "due") f.order = RequestFilter::Order::due;
  else if (a.sort == "ref") f.order = RequestFilter::Order::ref;
  return f;
}

}  // namespace ghd::cli
