#include <memory>

#include "cli/report/commands.h"
#include "energy/energy_report.h"

namespace ghd::cli {

void add_energy_command(Tool& tool) {
  struct Args {
    ReportArgs report;
    std::string period = "day", building, dwelling;
    std::optional<double> forecast;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = tool.command(
      "energy", "The energy report of the connected dwellings: degree days, heating, comfort, PV, forecast",
      [a](Context& ctx) -> Status {
        GHD_ASSIGN(lang, report_lang(ctx, a->report));
        EnergyQuery q;
        q.period = *energy_period(a->period);
        q.building = a->building;
        q.dwelling = a->dwelling;
        q.forecast_temperature = a->forecast;
        EnergySettings s;
        s.method = degree_day_method(ctx.config.report.degree_days).value_or(DegreeDayMethod::meteo_france);
        GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
        GHD_ASSIGN(r, energy_report(*db, q, ctx.now(), s));
        return deliver(ctx, a->report,
                       {"energy-" + a->period, energy_document(r, lang), energy_json(r), energy_csv(r)});
      });
  cmd->add_option("--period", a->period, "day, week, month or season, ending yesterday")
      ->check(CLI::IsMember({"day", "week", "month", "season"}))
      ->capture_default_str();
  cmd->add_option("--building", a->building, "Only this building");
  cmd->add_option("--dwelling", a->dwelling, "Only this dwelling");
  cmd->add_option("--forecast-temperature", a->forecast, "Tomorrow's mean outdoor temperature (°C) for the forecast")
      ->check(CLI::Range(-40.0, 45.0));
  add_report_options(tool, cmd, a->report);
}

}  // namespace ghd::cli
