// Reading whole files and writing them so that no reader ever sees half.
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"

namespace ghd {

// Reads a file, or standard input for "-".
Result<std::string> read_file(const std::string& path);
// A whole file's bytes without copying them: mapped into memory, or read
// into a buffer for standard input and special files.
class FileContents {
 public:
  FileContents() = default;
  FileContents(FileContents&& other) noexcept;
  FileContents& operator=(FileContents&& other) noexcept;
  ~FileContents();
  std::string_view view() const { return map_ ? std::string_view(map_, size_) : std::string_view(buffer_); }

 private:
  friend Result<FileContents> map_file(const std::string& path);
  const char* map_ = nullptr;
  size_t size_ = 0;
  std::string buffer_;
};
Result<FileContents> map_file(const std::string& path);

// Writes to a temporary file beside `path`, flushes it to disk and renames it
// over `path`: readers see the old content or the new, never a mix.
Status write_file_atomic(const std::string& path, const std::string& content);

}  // namespace ghd
