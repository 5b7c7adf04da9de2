// Reading YAML strictly: every error names the file, line and column.
#pragma once

#include <initializer_list>
#include <span>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include "core/status.h"

namespace ghd {

class YamlFile {
 public:
  explicit YamlFile(std::string name) : name_(std::move(name)) {}
  const std::string& name() const { return name_; }

  // Parses text, turning a syntax error into "file:line:col: message".
  Result<YAML::Node> parse(const std::string& text) const;
  // "file:line:col: message" at the node's position (1-based).
  Status error(const YAML::Node& at, const std::string& message) const;
  std::string where(const YAML::Node& at) const;

  Status expect_map(const YAML::Node& n, std::string_view what) const;
  Status expect_keys(const YAML::Node& map, std::span<const std::string_view> allowed,
                     std::string_view section) const;
  Status expect_keys(const YAML::Node& map, std::initializer_list<std::string_view> allowed,
                     std::string_view section) const {
    return expect_keys(map, std::span<const std::string_view>(allowed.begin(), allowed.size()), section);
  }
  Result<std::string> string(const YAML::Node& n, std::string_view key) const;
  Result<bool> boolean(const YAML::Node& n, std::string_view key) const;
  Result<long long> integer(const YAML::Node& n, std::string_view key) const;

 private:
  std::string name_;
};

}  // namespace ghd
