#include <iostream>
#include <memory>

#include <fmt/format.h>

#include "cli/telemetry/commands.h"
#include "core/files.h"
#include "telemetry/registry.h"
#include "telemetry/render.h"

namespace ghd::cli {

void add_devices_command(Tool& tool) {
  CLI::App* devices = tool.app().add_subcommand("devices", "The device registry");
  devices->require_subcommand(1);

  auto files = std::make_shared<std::vector<std::string>>();
  CLI::App* import = devices->add_subcommand("import", "Import the installer's registry CSV (whole file or nothing)");
  import->add_option("FILE", *files, "device_id,kind,model,dwelling,room,installed_at,friendly_name")->required();
  tool.bind(import, [files](Context& ctx) -> Status {
    GHD_ASSIGN(db, ctx.open_db());
    for (const auto& file : *files) {
      GHD_ASSIGN(bytes, read_file(file));
      RegistryImportReport report;
      const Status s = import_registry(*db, file, bytes, report);
      for (const auto& e : report.errors) std::cerr << fmt::format("{}: error: {}\n", ctx.tool, e);
      GHD_TRY(s);
      std::cout << fmt::format("{}: {} device(s)\n", file, report.devices);
    }
    return Status::Ok();
  });

  struct ListArgs {
    std::string building, format;
  };
  auto l = std::make_shared<ListArgs>();
  CLI::App* list = devices->add_subcommand("list", "List the devices");
  list->add_option("--building", l->building, "Only this building");
  add_format(list, l->format, {"table", "csv", "json"});
  tool.bind(list, [l](Context& ctx) -> Status {
    GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
    GHD_ASSIGN(text, render_devices(*db, l->building, l->format));
    return emit(text, "");
  });

  struct ShowArgs {
    std::string device, format;
  };
  auto sh = std::make_shared<ShowArgs>();
  CLI::App* show = devices->add_subcommand("show", "One device: registry and what its readings hold");
  show->add_option("DEVICE", sh->device, "Device id or friendly name")->required();
  add_format(show, sh->format, {"text", "json"});
  tool.bind(show, [sh](Context& ctx) -> Status {
    GHD_ASSIGN(db, ctx.open_db(Database::Mode::must_exist));
    GHD_ASSIGN(text, render_device(*db, sh->device, sh->format));
    return emit(text, "");
  });
}

}  // namespace ghd::cli
