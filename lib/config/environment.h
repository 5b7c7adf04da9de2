// What a process learns from its environment, gathered once in main() and
// passed down, so that library code never calls getenv() behind one's back.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace ghd {

struct Environment {
  std::map<std::string, std::string> vars;
  std::string cwd;

  std::optional<std::string> get(const std::string& name) const {
    auto it = vars.find(name);
    if (it == vars.end() || it->second.empty()) return std::nullopt;
    return it->second;
  }
  static Environment from_process();  // reads environ and the working directory
};

}  // namespace ghd
