#include "core/secret.h"

#include <sys/stat.h>

#include <fmt/format.h>

#include "core/files.h"
#include "core/text.h"

namespace ghd {

Result<std::string> read_secret_file(const std::string& path) {
  if (path.empty()) return Status::Config("no secret file configured");
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return Status::NoInput(fmt::format("{}: cannot read the secret file", path));
  if (st.st_mode & (S_IRWXG | S_IRWXO))
    return Status::Config(fmt::format("{}: permissions {:03o} are too open: the file must not be accessible by others "
                                      "(chmod 600 {})", path, st.st_mode & 0777, path));
  GHD_ASSIGN(content, read_file(path));
  return std::string(trim(content));
}

}  // namespace ghd
