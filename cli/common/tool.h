// What every ghd tool shares: the common flags (defined once here), how the
// configuration, database, clock and actor are found, and how a Status turns
// into a message on stderr and an exit code.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include <CLI/CLI.hpp>

#include "config/config.h"
#include "core/clock.h"
#include "store/database.h"

namespace ghd::cli {

struct CommonOptions {
  std::string config;
  std::string db;
  std::string actor;
  std::string as_of;
};

// Everything a command needs, resolved from flags, environment and config.
struct Context {
  std::string tool;  // for message prefixes: "ghd-request: warning: ..."
  Environment env;
  Config config;
  std::unique_ptr<Clock> clock;
  std::string actor;
  Instant now() const { return clock->now(); }
  Result<std::unique_ptr<Database>> open_db(Database::Mode mode = Database::Mode::create) const {
    return Database::open(config.database, mode);
  }
  // Prints "tool: warning: message" on stderr.
  void warn(const std::string& message) const;
};

using Action = std::function<Status(Context&)>;

class Tool {
 public:
  Tool(std::string name, std::string description);
  CLI::App& app() { return app_; }
  const std::string& name() const { return name_; }
  // Registers a subcommand whose action runs once arguments are parsed.
  CLI::App* command(const std::string& name, const std::string& description, Action action);
  // Makes `cmd` (a subcommand at any depth) run `action` when chosen.
  void bind(CLI::App* cmd, Action action);
  // Adds --as-of to a command whose answer depends on the current time.
  void add_as_of(CLI::App* cmd);
  int run(int argc, char** argv);

 private:
  std::string name_;
  CLI::App app_;
  CommonOptions common_;
  Action action_;
};

// --format with its allowed values; the first is the default.
CLI::Option* add_format(CLI::App* cmd, std::string& format, const std::vector<std::string>& allowed);

bool stdout_is_terminal();
// Colour only on a terminal, and never with NO_COLOR set.
bool use_colour(const Environment& env);
// Writes `text` to stdout, or atomically to `path` when not empty.
Status emit(const std::string& text, const std::string& path);

}  // namespace ghd::cli
