#include "config/yaml_util.h"

#include <fmt/format.h>

namespace ghd {

Result<YAML::Node> YamlFile::parse(const std::string& text) const {
  try {
    return YAML::Load(text);
  } catch (const YAML::ParserException& e) {
    return Status::Config(fmt::format("{}:{}:{}: {}", name_, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
}

std::string YamlFile::where(const YAML::Node& at) const {
  const auto m = at.Mark();
  if (m.is_null()) return name_;
  return fmt::format("{}:{}:{}", name_, m.line + 1, m.column + 1);
}

Status YamlFile::error(const YAML::Node& at, const std::string& message) const {
  return Status::Config(fmt::format("{}: {}", where(at), message));
}

Status YamlFile::expect_map(const YAML::Node& n, std::string_view what) const {
  if (!n.IsMap()) return error(n, fmt::format("{} must be a mapping of keys to values", what));
  return Status::Ok();
}

Status YamlFile::expect_keys(const YAML::Node& map, std::span<const std::string_view> allowed,
                             std::string_view section) const {
  GHD_TRY(expect_map(map, section.empty() ? "the file" : fmt::format("'{}'", section)));
  for (const auto& kv : map) {
    const std::string key = kv.first.Scalar();
    bool known = false;
    for (auto a : allowed) known = known || a == key;
    if (!known) {
      std::string expected;
      for (auto a : allowed) expected += (expected.empty() ? "" : ", ") + std::string(a);
      return error(kv.first, fmt::format("unknown key '{}'{} (expected one of: {})", key,
                                         section.empty() ? "" : fmt::format(" in '{}'", section), expected));
    }
  }
  return Status::Ok();
}

Result<std::string> YamlFile::string(const YAML::Node& n, std::string_view key) const {
  if (!n.IsScalar()) return error(n, fmt::format("'{}' must be a single value", key));
  return n.Scalar();
}

Result<bool> YamlFile::boolean(const YAML::Node& n, std::string_view key) const {
  bool v = false;
  if (!n.IsScalar() || !YAML::convert<bool>::decode(n, v))
    return error(n, fmt::format("'{}' must be true or false", key));
  return v;
}

Result<long long> YamlFile::integer(const YAML::Node& n, std::string_view key) const {
  long long v = 0;
  if (!n.IsScalar() || !YAML::convert<long long>::decode(n, v))
    return error(n, fmt::format("'{}' must be a whole number", key));
  return v;
}

}  // namespace ghd
