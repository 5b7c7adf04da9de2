#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/telemetry/commands.h"
#include "core/text.h"
#include "telemetry/consent.h"
#include "telemetry/render.h"

namespace ghd::cli {

void add_consent_command(Tool& tool) {
  CLI::App* consent = tool.app().add_subcommand("consent", "Tenants' consent to the processing of their dwelling's data");
  consent->require_subcommand(1);

  struct GrantArgs {
    std::string dwelling, scope = "activity,temperature", form;
  };
  auto g = std::make_shared<GrantArgs>();
  CLI::App* grant = consent->add_subcommand("grant", "Record a consent, with the reference of the signed form");
  grant->add_option("DWELLING", g->dwelling, "Dwelling reference")->required();
  grant->add_option("--scope", g->scope, "What it covers: activity, temperature (comma-separated)")->capture_default_str();
  grant->add_option("--form", g->form, "Reference of the signed form")->required();
  tool.add_as_of(grant);
  tool.bind(grant, [g](Context& ctx) -> Status {
    GHD_ASSIGN(db, ctx.open_db());
    GHD_TRY(grant_consent(*db, g->dwelling, split(g->scope, ','), g->form, ctx.actor, ctx.now()));
    std::cout << fmt::format("{}: consent recorded ({}), from {}\n", g->dwelling, g->scope, format_iso(ctx.now()));
    return Status::Ok();
  });

  auto r = std::make_shared<std::string>();
  CLI::App* revoke = consent->add_subcommand("revoke", "Withdraw a dwelling's consent, at once");
  revoke->add_option("DWELLING", *r, "Dwelling reference")->required();
  tool.add_as_of(revoke);
  tool.bind(revoke, [r](Context& ctx) -> Status {
    GHD_ASSIGN(db, ctx.open_db());
    GHD_TRY(revoke_consent(*db, *r, ctx.actor, ctx.now()));
    std::cout << fmt::format("{}: consent withdrawn; its activity data is deleted after {} days by 'purge'\n", *r,
                             ctx.config.consent_purge_days);
    return Status::Ok();
  });

  struct ListArgs {
    std::string dwelling, format;
  };
  auto l = std::make_shared<ListArgs>();
  CLI::App* list = consent->add_subcommand("list", "Every consent, in force or withdrawn");
  add_format(list, l->format, {"table", "json"});
  tool.bind(list, [l](Context& ctx) -> Status {
    GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
    GHD_ASSIGN(text, render_consents(*db, "", l->format));
    return emit(text, "");
  });
  auto s = std::make_shared<ListArgs>();
  CLI::App* show = consent->add_subcommand("show", "The consents of one dwelling");
  show->add_option("DWELLING", s->dwelling, "Dwelling reference")->required();
  add_format(show, s->format, {"table", "json"});
  tool.bind(show, [s](Context& ctx) -> Status {
    GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
    GHD_ASSIGN(text, render_consents(*db, s->dwelling, s->format));
    return emit(text, "");
  });
}

void add_audit_command(Tool& tool) {
  struct Args {
    std::string dwelling, since = "1970-01-01", format;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = tool.command("audit", "Who looked at or changed what of a dwelling's personal data, and why",
                               [a](Context& ctx) -> Status {
    GHD_ASSIGN(since, parse_instant(a->since));
    GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
    GHD_ASSIGN(text, render_audit(*db, a->dwelling, since, a->format));
    return emit(text, "");
  });
  cmd->add_option("--dwelling", a->dwelling, "Only this dwelling");
  cmd->add_option("--since", a->since, "From this date or time");
  add_format(cmd, a->format, {"table", "json"});
}

}  // namespace ghd::cli
