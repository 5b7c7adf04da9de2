#include "cli/common/tool.h"

#include <cstdio>
#include <iostream>
#include <pwd.h>
#include <unistd.h>

#include <fmt/format.h>

#include "core/files.h"

namespace ghd::cli {

namespace {

std::string login_name(const Environment& env) {
  if (auto u = env.get("USER")) return *u;
  if (const passwd* pw = ::getpwuid(::getuid())) return pw->pw_name;
  return "unknown";
}

Result<Context> make_context(const std::string& tool, const CommonOptions& o, Environment env) {
  Context ctx;
  ctx.tool = tool;
  GHD_ASSIGN(config, load_config(o.config, o.db, env));
  ctx.config = std::move(config);
  if (!o.as_of.empty()) {
    auto t = parse_instant(o.as_of);
    if (!t.ok()) return Status::Usage(fmt::format("--as-of: {}", t.status().message()));
    ctx.clock = std::make_unique<FixedClock>(*t);
  } else {
    ctx.clock = std::make_unique<SystemClock>();
  }
  if (!o.actor.empty()) ctx.actor = o.actor;
  else if (auto a = env.get("GHD_ACTOR")) ctx.actor = *a;
  else ctx.actor = login_name(env);
  ctx.env = std::move(env);
  return ctx;
}

}  // namespace

Tool::Tool(std::string name, std::string description) : name_(std::move(name)), app_(std::move(description), name_) {
  app_.set_version_flag("--version", std::string(name_ + " 0.1.0"));
  app_.require_subcommand(1);
  app_.fallthrough();
  app_.add_option("--config", common_.config, "Configuration file (default: GHD_CONFIG, ./ghd.yaml, "
                                              "$XDG_CONFIG_HOME/ghd/ghd.yaml, /etc/ghd/ghd.yaml)")
      ->type_name("FILE");
  app_.add_option("--db", common_.db, "Database file (default: GHD_DB, then the config's 'database')")
      ->type_name("FILE");
  app_.add_option("--actor", common_.actor, "Who is acting, for the history (default: GHD_ACTOR, then the login name)")
      ->type_name("NAME");
}

CLI::App* Tool::command(const std::string& name, const std::string& description, Action action) {
  CLI::App* cmd = app_.add_subcommand(name, description);
  bind(cmd, std::move(action));
  return cmd;
}

void Tool::bind(CLI::App* cmd, Action action) {
  // CLI11 runs a command's callback after its subcommand's: a command that
  // has an action of its own (alerts) must leave the chosen subcommand's
  // (alerts ack) in place.
  cmd->callback([this, cmd, action = std::move(action)] {
    if (cmd->get_subcommands().empty()) action_ = action;
  });
}

void Tool::add_as_of(CLI::App* cmd) {
  cmd->add_option("--as-of", common_.as_of, "Act as if it were this time (YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM])")
      ->type_name("TIME");
}

int Tool::run(int argc, char** argv) {
  try {
    app_.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) return app_.exit(e);  // --help, --version
    std::cerr << fmt::format("{}: error: {}\n", name_, e.what());
    std::cerr << fmt::format("Run '{} --help' for usage.\n", name_);
    return int(ExitCode::usage);
  }
  Status status;
  try {
    auto ctx = make_context(name_, common_, Environment::from_process());
    status = ctx.ok() ? action_(*ctx) : ctx.status();
  } catch (const std::exception& e) {
    status = Status::Internal(fmt::format("internal error: {}", e.what()));
  }
  std::cout.flush();
  if (!status.ok() && !status.message().empty()) {
    const char* kind = status.code() == ExitCode::no ? "" : "error: ";
    std::cerr << fmt::format("{}: {}{}\n", name_, kind, status.message());
  }
  return status.exit_code();
}

CLI::Option* add_format(CLI::App* cmd, std::string& format, const std::vector<std::string>& allowed) {
  format = allowed.front();
  return cmd->add_option("--format", format, "Output format")
      ->check(CLI::IsMember(allowed))
      ->type_name("FORMAT")
      ->capture_default_str();
}

void Context::warn(const std::string& message) const { std::cerr << fmt::format("{}: warning: {}\n", tool, message); }

bool stdout_is_terminal() { return ::isatty(STDOUT_FILENO) != 0; }

bool use_colour(const Environment& env) { return stdout_is_terminal() && !env.get("NO_COLOR") && env.get("TERM") != "dumb"; }

Status emit(const std::string& text, const std::string& path) {
  if (path.empty() || path == "-") {
    std::cout << text;
    std::cout.flush();
    if (!std::cout) return Status::IoError("cannot write to standard output");
    return Status::Ok();
  }
  return write_file_atomic(path, text);
}

}  // namespace ghd::cli
