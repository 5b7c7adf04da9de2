#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/request/commands.h"
#include "core/files.h"
#include "requests/add.h"
#include "requests/serialize.h"

namespace ghd::cli {

void add_add_command(Tool& tool) {
  struct Args {
    bool json = false;
    std::string category, channel, subject, message, tenant, dwelling, agency, phone, email, received, external_ref;
    std::vector<std::string> tags;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = tool.command("add", "Record one request (from options, or JSON on standard input with --json)",
                               [args](Context& ctx) -> Status {
    Request r;
    if (args->json) {
      GHD_ASSIGN(text, read_file("-"));
      GHD_ASSIGN(parsed, request_from_json_text(text, "<stdin>"));
      r = std::move(parsed);
    } else {
      const Term* cat = find_term(kCategories, args->category);
      r.category = cat ? std::string(cat->id) : args->category;
      const Term* ch = find_term(kChannels, args->channel);
      r.channel = ch ? std::string(ch->id) : args->channel;
      r.subject = args->subject;
      r.message = args->message;
      r.tenant = args->tenant;
      r.dwelling = args->dwelling;
      r.agency = args->agency;
      r.phone = normalise_phone(args->phone);
      r.email = args->email;
      r.external_ref = args->external_ref;
      r.tags = args->tags;
      if (!args->received.empty()) {
        auto t = parse_instant(args->received);
        if (!t.ok()) return Status::Usage(fmt::format("--received: {}", t.status().message()));
        r.received_at = *t;
      }
    }
    GHD_ASSIGN(db, ctx.open_db());
    RequestStore store(*db);
    GHD_ASSIGN(id, add_request(store, std::move(r), ctx.actor, ctx.now()));
    std::cout << format_ref(id) << "\n";
    return Status::Ok();
  });
  cmd->add_flag("--json", args->json, "Read the request as a JSON object from standard input");
  cmd->add_option("--category", args->category, "pests, neighbour-dispute, fibre, cleaning, technical, other");
  cmd->add_option("--channel", args->channel, "web, phone, email, mail, counter (default phone)");
  cmd->add_option("--subject", args->subject, "Short subject");
  cmd->add_option("--message", args->message, "What the tenant says");
  cmd->add_option("--tenant", args->tenant, "Tenant reference");
  cmd->add_option("--dwelling", args->dwelling, "Dwelling reference");
  cmd->add_option("--agency", args->agency, "Agency");
  cmd->add_option("--phone", args->phone, "Contact phone");
  cmd->add_option("--email", args->email, "Contact e-mail");
  cmd->add_option("--received", args->received, "When it was received (default: now)")->type_name("TIME");
  cmd->add_option("--external-ref", args->external_ref, "Reference in another system");
  cmd->add_option("--tag", args->tags, "Tag (repeatable)");
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
