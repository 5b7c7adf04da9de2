// The energy report and signatures as documents, JSON and CSV.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/csv.h"
#include "energy/energy_report.h"
#include "energy/render.h"

namespace ghd {

using nlohmann::json;
using namespace std::chrono;

namespace {

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

std::string maybe(const Lang& tr, const std::optional<double>& v, int decimals, const char* unit = "") {
  return v ? tr.number(*v, decimals) + unit : "-";
}

std::string change(const Lang& tr, const std::optional<double>& now, const std::optional<double>& before) {
  if (!now || !before || *before <= 0) return "-";
  const double pct = (*now / *before - 1) * 100;
  return (pct >= 0 ? "+" : "") + tr.number(pct, 0) + " %";
}

std::string flag_label(const std::string& f, const Lang& tr) {
  if (f == "cold") return tr("froid malgré le chauffage (panne ?)", "cold despite heating (fault?)");
  if (f == "cold-low-heating") return tr("froid et peu chauffé (précarité ?)", "cold and little heating (fuel poverty?)");
  if (f == "overheated") return tr("surchauffé", "overheated");
  if (f == "window-fighting") return tr("vannes ouvertes fenêtre ouverte", "valves open with a window open");
  return f;
}

std::string period_label(EnergyPeriod p, const Lang& tr) {
  switch (p) {
    case EnergyPeriod::day: return tr("journée", "day");
    case EnergyPeriod::week: return tr("semaine", "week");
    case EnergyPeriod::month: return tr("mois", "month");
    case EnergyPeriod::season: return tr("saison de chauffe", "heating season");
  }
  return "";
}

}  // namespace

Document energy_document(const EnergyReport& r, const Lang& tr) {
  Document d;
  d.lang = tr.code();
  d.title = fmt::format("{} \u2014 {} {} {} {}", tr("Rapport énergie", "Energy report"), period_label(r.period, tr),
                        tr("du", "from"), format_date(r.range.first), (tr("au ", "to ") + format_date(r.range.last)));
  d.subtitle = fmt::format(
      "{} : {} ({}) ; {} : {} ; {} : {}.", tr("Degrés-jours base 18", "Degree days base 18"),
      maybe(tr, r.degree_days, 1), r.method == DegreeDayMethod::costic ? "COSTIC" : "Météo-France",
      tr("période précédente", "previous period"), maybe(tr, r.previous_degree_days, 1),
      tr("il y a un an", "a year before"), maybe(tr, r.last_year_degree_days, 1));

  ReportSection heating{tr("Besoin de chauffage par immeuble", "Heating demand by building"), {}, {}, {}};
  heating.paragraphs.push_back(tr("En heures-vanne (heures d'ouverture complète des robinets), rapportées aux "
                                  "degrés-jours pour comparer les périodes.",
                                  "In valve-hours (hours of valves fully open), per degree day to compare periods."));
  ReportTable bt;
  bt.header = {tr("Immeuble", "Building"), tr("Logements", "Dwellings"), tr("Heures-vanne", "Valve-hours"),
               tr("Par DJ", "Per DD"), tr("vs préc.", "vs prev."), tr("vs an passé", "vs last year"),
               tr("Demain", "Tomorrow")};
  bt.numeric = {false, true, true, true, true, true, true};
  for (const auto& b : r.buildings)
    bt.rows.push_back({b.building, std::to_string(b.dwellings), tr.number(b.demand, 0), maybe(tr, b.per_degree_day, 1),
                       change(tr, b.per_degree_day, b.previous_per_degree_day),
                       change(tr, b.per_degree_day, b.last_year_per_degree_day), maybe(tr, b.forecast_demand, 0)});
  bt.empty = tr("Aucun logement connecté.", "No connected dwelling.");
  heating.tables.push_back(std::move(bt));
  Chart demand{tr("Besoin de chauffage et degrés-jours", "Heating demand and degree days"), "", {}, {}};
  demand.series = {{tr("heures-vanne / 10", "valve-hours / 10"), {}, true}, {tr("degrés-jours", "degree days"), {}, false}};
  for (const auto& day : r.days) {
    demand.x.push_back(format_date(day.day).substr(5));
    demand.series[0].y.push_back(day.demand / 10);
    demand.series[1].y.push_back(day.degree_days);
  }
  heating.charts.push_back(std::move(demand));
  if (r.forecast_temperature) {
    std::string p = fmt::format(fmt::runtime(tr("Prévision pour demain à {} °C (signature énergétique de chaque immeuble sur un an) ; ",
                                   "Forecast for tomorrow at {} °C (each building's energy signature over a year); ")),
                                tr.number(*r.forecast_temperature, 1));
    for (const auto& b : r.buildings)
      if (b.signature)
        p += fmt::format("{} : {}{} ; ", b.building, maybe(tr, b.forecast_demand, 0),
                         b.signature->sufficient ? "" : tr(" (données insuffisantes)", " (insufficient data)"));
    while (!p.empty() && (p.back() == ' ' || p.back() == ';')) p.pop_back();
    heating.paragraphs.push_back(p + ".");
  }
  d.sections.push_back(std::move(heating));

  ReportSection comfort{tr("Températures intérieures", "Indoor temperatures"), {}, {}, {}};
  Chart temps{tr("Température intérieure moyenne et extérieure", "Mean indoor and outdoor temperature"), "°C", {}, {}};
  temps.series = {{tr("intérieur", "indoor"), {}, false}, {tr("extérieur", "outdoor"), {}, false}};
  for (const auto& day : r.days) {
    temps.x.push_back(format_date(day.day).substr(5));
    temps.series[0].y.push_back(day.indoor_mean);
    temps.series[1].y.push_back(day.outdoor_mean);
  }
  comfort.charts.push_back(std::move(temps));
  ReportTable rt;
  rt.header = {tr("Logement", "Dwelling"), tr("Pièce", "Room"), tr("Moyenne", "Mean"), tr("Min", "Min"),
               tr("Max", "Max"), tr("h < 17 °C", "h < 17 °C"), tr("h > 22 °C", "h > 22 °C")};
  rt.numeric = {false, false, true, true, true, true, true};
  for (const auto& room : r.rooms)
    rt.rows.push_back({room.dwelling, room.room, maybe(tr, room.mean, 1), maybe(tr, room.min, 1), maybe(tr, room.max, 1),
                       std::to_string(room.hours_below), std::to_string(room.hours_above)});
  comfort.tables.push_back(std::move(rt));
  d.sections.push_back(std::move(comfort));

  ReportSection standout{tr("Logements à regarder", "Dwellings that stand out"), {}, {}, {}};
  ReportTable st;
  st.header = {tr("Logement", "Dwelling"), tr("Constat", "Finding"), tr("Moyenne", "Mean"),
               tr("Heures-vanne", "Valve-hours")};
  st.numeric = {false, false, true, true};
  st.empty = tr("Aucun logement ne se distingue.", "No dwelling stands out.");
  for (const auto& dw : r.dwellings)
    for (const auto& f : dw.flags)
      st.rows.push_back({dw.dwelling, flag_label(f, tr), maybe(tr, dw.indoor_mean, 1, " °C"), tr.number(dw.demand, 0)});
  standout.tables.push_back(std::move(st));
  d.sections.push_back(std::move(standout));

  ReportSection pv{tr("Photovoltaïque", "Photovoltaics"), {}, {}, {}};
  ReportTable pt;
  pt.header = {tr("Immeuble", "Building"), tr("Production kWh", "Production kWh"),
               tr("Autoconsommé kWh", "Self-consumed kWh"), tr("Injecté kWh", "Exported kWh"),
               tr("Autoconsommation", "Self-consumption"), tr("Autoproduction", "Self-sufficiency")};
  pt.numeric = {false, true, true, true, true, true};
  pt.empty = tr("Pas de panneaux dans le périmètre.", "No panels in scope.");
  for (const auto& b : r.buildings)
    if (b.pv)
      pt.rows.push_back({b.building, tr.number(b.pv->production / 1000, 1), tr.number(b.pv->self_consumed / 1000, 1),
                         tr.number(b.pv->exported / 1000, 1),
                         b.pv->self_consumption_rate ? tr.number(*b.pv->self_consumption_rate * 100, 0) + " %" : "-",
                         b.pv->self_sufficiency_rate ? tr.number(*b.pv->self_sufficiency_rate * 100, 0) + " %" : "-"});
  pv.tables.push_back(std::move(pt));
  Chart pvc{tr("Production et autoconsommation", "Production and self-consumption"), "kWh", {}, {}};
  pvc.series = {{tr("production", "production"), {}, true}, {tr("autoconsommée", "self-consumed"), {}, true}};
  for (const auto& day : r.days) {
    pvc.x.push_back(format_date(day.day).substr(5));
    pvc.series[0].y.push_back(day.pv_production / 1000);
    pvc.series[1].y.push_back(day.pv_self_consumed / 1000);
  }
  pv.charts.push_back(std::move(pvc));
  d.sections.push_back(std::move(pv));
  return d;
}

std::string energy_json(const EnergyReport& r) {
  json days = json::array(), buildings = json::array(), dwellings = json::array(), rooms = json::array();
  for (const auto& d : r.days)
    days.push_back({{"date", format_date(d.day)}, {"tn", opt(d.tn)}, {"tx", opt(d.tx)}, {"outdoor_mean", opt(d.outdoor_mean)},
                    {"degree_days", opt(d.degree_days)}, {"demand_valve_hours", d.demand},
                    {"indoor_mean", opt(d.indoor_mean)}, {"pv_production_wh", d.pv_production},
                    {"pv_self_consumed_wh", d.pv_self_consumed}});
  for (const auto& b : r.buildings) {
    json pv = nullptr, sig = nullptr;
    if (b.pv)
      pv = {{"production_wh", b.pv->production}, {"export_wh", b.pv->exported}, {"import_wh", b.pv->imported},
            {"self_consumed_wh", b.pv->self_consumed}, {"consumption_wh", b.pv->consumption},
            {"self_consumption_rate", opt(b.pv->self_consumption_rate)},
            {"self_sufficiency_rate", opt(b.pv->self_sufficiency_rate)}};
    if (b.signature) sig = signature_json_value(*b.signature);
    buildings.push_back({{"building", b.building}, {"dwellings", b.dwellings}, {"demand_valve_hours", b.demand},
                         {"per_degree_day", opt(b.per_degree_day)},
                         {"previous_per_degree_day", opt(b.previous_per_degree_day)},
                         {"last_year_per_degree_day", opt(b.last_year_per_degree_day)}, {"pv", pv}, {"signature", sig},
                         {"forecast_demand_valve_hours", opt(b.forecast_demand)}});
  }
  for (const auto& d : r.dwellings)
    dwellings.push_back({{"dwelling", d.dwelling}, {"building", d.building}, {"demand_valve_hours", d.demand},
                         {"heat_kwh", opt(d.heat_kwh)}, {"indoor_mean", opt(d.indoor_mean)}, {"hours", d.hours},
                         {"hours_below_17", d.hours_below}, {"hours_above_22", d.hours_above},
                         {"window_fight_hours", d.window_fight_hours}, {"flags", d.flags}});
  for (const auto& room : r.rooms)
    rooms.push_back({{"dwelling", room.dwelling}, {"room", room.room}, {"device", room.device}, {"mean", opt(room.mean)},
                     {"min", opt(room.min)}, {"max", opt(room.max)}, {"hours", room.hours},
                     {"hours_below_17", room.hours_below}, {"hours_above_22", room.hours_above}});
  return json{{"report", "energy"},
              {"period", period_name(r.period)},
              {"from", format_date(r.range.first)},
              {"to", format_date(r.range.last)},
              {"as_of", format_iso(r.now)},
              {"degree_days", {{"method", method_name(r.method)}, {"base", 18}, {"total", opt(r.degree_days)},
                               {"previous", opt(r.previous_degree_days)}, {"last_year", opt(r.last_year_degree_days)}}},
              {"forecast_temperature", opt(r.forecast_temperature)},
              {"days", days},
              {"buildings", buildings},
              {"dwellings", dwellings},
              {"rooms", rooms}}
             .dump(2) +
         "\n";
}

std::string energy_csv(const EnergyReport& r) {
  std::string out = "dwelling,building,demand_valve_hours,heat_kwh,indoor_mean,hours,hours_below_17,hours_above_22,flags\n";
  for (const auto& d : r.dwellings) {
    std::string flags;
    for (const auto& f : d.flags) flags += (flags.empty() ? "" : " ") + f;
    out += fmt::format("{},{},{:.2f},{},{},{},{},{},{}\n", csv_safe_field(d.dwelling), csv_safe_field(d.building), d.demand,
                       d.heat_kwh ? fmt::format("{:.3f}", *d.heat_kwh) : "",
                       d.indoor_mean ? fmt::format("{:.2f}", *d.indoor_mean) : "", d.hours, d.hours_below, d.hours_above,
                       flags);
  }
  return out;
}

nlohmann::json signature_json_value(const SignatureFit& f) {
  return {{"heating", f.heating},
          {"balance_point", opt(f.balance_point)},
          {"intercept", f.intercept},
          {"slope", f.slope},
          {"r2", f.r2},
          {"r2_adj", f.r2_adj},
          {"cvrmse", f.cvrmse},
          {"slope_p_value", f.slope_p_value},
          {"points", f.points},
          {"days", f.days},
          {"days_missing", f.days_missing},
          {"span_days", f.span_days},
          {"sufficient", f.sufficient},
          {"insufficiency", f.insufficiency}};
}

std::string signature_text(const SignatureFit& f, const Lang& tr) {
  std::string out;
  if (f.heating)
    out += fmt::format(fmt::runtime(tr("Signature : conso/jour = {} + {} x DJ(base {} °C)\n",
                          "Signature: use/day = {} + {} x HDD(base {} °C)\n")),
                       tr.number(f.intercept, 3), tr.number(f.slope, 4), tr.number(*f.balance_point, 1));
  else
    out += fmt::format(fmt::runtime(tr("Pas de dépendance au chauffage trouvée : conso/jour = {}\n",
                          "No heating dependence found: use/day = {}\n")),
                       tr.number(f.intercept, 3));
  out += fmt::format("R² {}  R² {} {}  CVRMSE {} %\n", tr.number(f.r2, 3), tr("ajusté", "adjusted"),
                     tr.number(f.r2_adj, 3), tr.number(f.cvrmse * 100, 1));
  out += fmt::format(fmt::runtime(tr("{} jours utilisés ({} points), {} manquants sur {}\n", "{} days used ({} points), {} missing of {}\n")),
                     f.days, f.points, f.days_missing, f.span_days);
  if (f.sufficient) out += tr("Données suffisantes pour publier.\n", "Enough data to publish.\n");
  else
    for (const auto& why : f.insufficiency)
      out += fmt::format(fmt::runtime(tr("Données insuffisantes : {}\n", "Insufficient data: {}\n")), why);
  return out;
}

}  // namespace ghd
