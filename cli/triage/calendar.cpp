#include <iostream>
#include <memory>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/triage/commands.h"
#include "core/csv.h"
#include "core/table.h"

namespace ghd::cli {

void add_calendar_command(Tool& tool) {
  CLI::App* cal = tool.app().add_subcommand("calendar", "The business calendar: holidays, working days, deadlines");
  cal->require_subcommand(1);

  struct HolidayArgs {
    int year = 0;
    std::string format;
  };
  auto h = std::make_shared<HolidayArgs>();
  CLI::App* holidays = cal->add_subcommand("holidays", "Public holidays of a year, one a line: date, then name");
  holidays->add_option("--year", h->year, "The year")->required()->check(CLI::Range(1900, 2999));
  add_format(holidays, h->format, {"text", "csv", "json"});
  tool.bind(holidays, [h](Context& ctx) -> Status {
    const auto list = public_holidays(h->year, ctx.config.holidays);
    std::string out;
    if (h->format == "json") {
      auto arr = nlohmann::json::array();
      for (const auto& x : list) arr.push_back({{"date", format_date(x.date)}, {"name", x.name}});
      out = arr.dump(2) + "\n";
    } else {
      if (h->format == "csv") out = "date,name\n";
      for (const auto& x : list)
        out += h->format == "csv" ? fmt::format("{},{}\n", format_date(x.date), csv_field(x.name))
                                  : fmt::format("{} {}\n", format_date(x.date), x.name);
    }
    return emit(out, "");
  });

  struct AddArgs {
    std::string from, calendar = "business";
    std::optional<int> days, hours;
    bool explain = false;
  };
  auto a = std::make_shared<AddArgs>();
  CLI::App* add = cal->add_subcommand("add", "The local date or time N business days or hours after a date or time");
  add->add_option("--from", a->from, "Start: a date YYYY-MM-DD or a time")->required();
  auto* d = add->add_option("--business-days", a->days, "Working days to add")->check(CLI::Range(0, 3650));
  auto* hr = add->add_option("--business-hours", a->hours, "Working hours to add")->check(CLI::Range(0, 87600));
  d->excludes(hr);
  add->add_option("--calendar", a->calendar, "Calendar from the config")->capture_default_str();
  add->add_flag("--explain", a->explain, "Say on stderr which days were skipped and why");
  tool.bind(add, [a](Context& ctx) -> Status {
    if (!a->days && !a->hours) return Status::Usage("give --business-days or --business-hours");
    GHD_ASSIGN(cal, ctx.config.calendar(a->calendar));
    DeadlineTrace trace;
    std::string result;
    const bool date_only = a->from.size() == 10;
    if (a->days) {
      if (date_only) {
        GHD_ASSIGN(from, parse_date(a->from));
        result = format_date(cal.add_days(from, *a->days, &trace));
      } else {
        GHD_ASSIGN(from, parse_instant(a->from));
        // The same local time on the Nth working day after.
        const auto local = paris::to_local(from);
        const auto time_of_day = local - std::chrono::floor<std::chrono::days>(local);
        const Date day = cal.add_days(paris::local_date(from), *a->days, &trace);
        result = format_iso(paris::to_utc(LocalTime{std::chrono::local_days{day}.time_since_epoch() + time_of_day}));
      }
    } else {
      GHD_ASSIGN(from, parse_instant(a->from));
      result = format_iso(cal.add_working_time(from, std::chrono::hours{*a->hours}, &trace));
    }
    std::cout << result << "\n";
    if (a->explain)
      for (const auto& s : trace.steps) std::cerr << s << "\n";
    return Status::Ok();
  });

  auto day = std::make_shared<std::string>();
  CLI::App* is = cal->add_subcommand("is-business-day", "Exit 0 when DATE is a business day, 1 when not (and say why)");
  is->add_option("DATE", *day, "A date YYYY-MM-DD, or today")->required();
  tool.add_as_of(is);
  tool.bind(is, [day](Context& ctx) -> Status {
    Date d;
    if (*day == "today") d = paris::local_date(ctx.now());
    else {
      GHD_ASSIGN(parsed, parse_date(*day));
      d = parsed;
    }
    if (auto why = ctx.config.business_days().why_closed(d)) {
      std::cout << fmt::format("{}: not a business day ({})\n", format_date(d), *why);
      return Status::Reported(ExitCode::no);
    }
    std::cout << fmt::format("{}: business day\n", format_date(d));
    return Status::Ok();
  });

  struct DaysArgs {
    std::string from;
    int count = 14;
  };
  auto ds = std::make_shared<DaysArgs>();
  CLI::App* days_cmd = cal->add_subcommand("days", "Show the days from a date: business or closed, and why");
  days_cmd->add_option("--from", ds->from, "First day (default: today)");
  days_cmd->add_option("--count", ds->count, "How many days")->check(CLI::Range(1, 3660))->capture_default_str();
  tool.add_as_of(days_cmd);
  tool.bind(days_cmd, [ds](Context& ctx) -> Status {
    Date d = paris::local_date(ctx.now());
    if (!ds->from.empty()) {
      GHD_ASSIGN(parsed, parse_date(ds->from));
      d = parsed;
    }
    const auto bd = ctx.config.business_days();
    Table t({"DATE", "DAY", "STATUS"});
    for (int i = 0; i < ds->count; ++i) {
      const Date day{std::chrono::sys_days{d} + std::chrono::days{i}};
      const auto why = bd.why_closed(day);
      const std::string name = french_date(day);
      t.add({format_date(day), name.substr(0, name.find(' ')), why ? "fermé (" + *why + ")" : "ouvré"});
    }
    return emit(t.render(), "");
  });
}

}  // namespace ghd::cli
