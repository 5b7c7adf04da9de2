#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/request/commands.h"
#include "core/files.h"
#include "core/text.h"
#include "requests/update.h"

namespace ghd::cli {

void add_update_command(Tool& tool) {
  struct Args {
    std::vector<std::string> refs, tags, untags;
    std::string status, service, priority, due, assign, duplicate_of, note;
    bool clear_due = false;
  };
  auto args = std::make_shared<Args>();
  CLI::App* cmd = tool.command(
      "update", "Change requests (all or none); '-' reads references from standard input",
      [args](Context& ctx) -> Status {
        std::vector<std::string> refs;
        for (const auto& r : args->refs) {
          if (r != "-") {
            refs.push_back(r);
            continue;
          }
          GHD_ASSIGN(text, read_file("-"));
          for (const auto& line : split(text, '\n'))
            if (!trim(line).empty()) refs.emplace_back(trim(line));
        }
        RequestChange c;
        if (!args->status.empty()) c.status = args->status;
        if (!args->service.empty()) c.service = args->service == "none" ? "" : args->service;
        if (!args->priority.empty()) c.priority = args->priority == "none" ? "" : args->priority;
        if (args->clear_due) c.due_at = std::optional<Instant>();
        if (!args->due.empty()) {
          auto t = parse_instant(args->due);
          if (!t.ok()) return Status::Usage(fmt::format("--due: {}", t.status().message()));
          c.due_at = std::optional<Instant>(*t);
        }
        if (!args->assign.empty()) c.assignee = args->assign == "none" ? "" : args->assign;
        c.add_tags = args->tags;
        c.remove_tags = args->untags;
        if (!args->duplicate_of.empty()) c.duplicate_of = args->duplicate_of;
        c.note = args->note;
        if (refs.empty() && !args->refs.empty()) {
          std::cout << "0 request(s) updated\n";
          return Status::Ok();  // an empty pipe is not an error
        }
        GHD_ASSIGN(db, ctx.open_db());
        RequestStore store(*db);
        std::vector<UpdateOutcome> outcomes;
        std::vector<std::string> errors;
        const Status s = update_requests(store, refs, c, ctx.actor, ctx.now(), outcomes, errors);
        for (const auto& e : errors) std::cerr << fmt::format("{}: error: {}\n", ctx.tool, e);
        GHD_TRY(s);
        int changed = 0;
        for (const auto& o : outcomes) changed += o.changes > 0;
        std::cout << fmt::format("{} request(s) updated, {} unchanged\n", changed, outcomes.size() - size_t(changed));
        return Status::Ok();
      });
  cmd->add_option("REF", args->refs, "References, or '-' to read them from standard input")->required();
  cmd->add_option("--status", args->status, "New status (the lifecycle is checked)");
  cmd->add_option("--service", args->service, "Service to forward to ('none' clears)");
  cmd->add_option("--priority", args->priority, "P1, P2, P3 or P4 ('none' clears)");
  cmd->add_option("--due", args->due, "Due time")->type_name("TIME");
  cmd->add_flag("--clear-due", args->clear_due, "Remove the due time");
  cmd->add_option("--assign", args->assign, "Who handles it ('none' clears)");
  cmd->add_option("--tag", args->tags, "Add a tag (repeatable)");
  cmd->add_option("--untag", args->untags, "Remove a tag (repeatable)");
  cmd->add_option("--duplicate-of", args->duplicate_of, "Mark as duplicate of this request")->type_name("REF");
  cmd->add_option("--note", args->note, "A note for the history");
  tool.add_as_of(cmd);
}

}  // namespace ghd::cli
