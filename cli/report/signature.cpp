#include <iostream>
#include <iterator>
#include <memory>

#include "cli/report/commands.h"
#include "core/files.h"
#include "energy/render.h"

namespace ghd::cli {

void add_signature_command(Tool& tool) {
  struct Args {
    std::string file, format, lang;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = tool.command(
      "signature", "A building's energy signature from daily data or billing periods (CSV; - for stdin)",
      [a](Context& ctx) -> Status {
        GHD_ASSIGN(lang, Lang::parse(a->lang.empty() ? ctx.config.report.lang : a->lang));
        std::string text;
        if (a->file == "-") text.assign(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
        else {
          GHD_ASSIGN(bytes, read_file(a->file));
          text = std::move(bytes);
        }
        GHD_ASSIGN(points, parse_signature_csv(a->file == "-" ? "<stdin>" : a->file, text));
        GHD_ASSIGN(fit, fit_signature(points));
        std::cout << (a->format == "json" ? signature_json_value(fit).dump(2) + "\n" : signature_text(fit, lang));
        return Status::Ok();
      });
  cmd->add_option("FILE", a->file, "date,consumption,temperature or start,end,consumption,temperature")->required();
  add_format(cmd, a->format, {"text", "json"});
  cmd->add_option("--lang", a->lang, "fr (default: report.lang) or en")->check(CLI::IsMember({"fr", "en"}));
}

}  // namespace ghd::cli
