// The selection flags shared by `list` and `export`, defined once.
#pragma once

#include "cli/common/tool.h"
#include "requests/query.h"

namespace ghd::cli {

struct FilterArgs {
  std::vector<std::string> status, category, service, priority, channel;
  std::string agency, building, dwelling, tenant, tag, since, until, text, sort = "received";
  bool overdue = false, open = false;
  long long limit = 0;
};

void add_filter_options(CLI::App* cmd, FilterArgs& args);
Result<RequestFilter> make_filter(const FilterArgs& args, const Context& ctx);

}  // namespace ghd::cli
