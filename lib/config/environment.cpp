#include "config/environment.h"

#include <filesystem>
#include <string_view>

extern char** environ;

namespace ghd {

Environment Environment::from_process() {
  Environment env;
  for (char** e = environ; e && *e; ++e) {
    const std::string_view kv(*e);
    const auto eq = kv.find('=');
    if (eq != std::string_view::npos) env.vars.emplace(kv.substr(0, eq), kv.substr(eq + 1));
  }
  std::error_code ec;
  env.cwd = std::filesystem::current_path(ec).string();
  return env;
}

}  // namespace ghd
