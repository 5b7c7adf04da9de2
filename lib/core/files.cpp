#include "core/files.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <utility>
#include <unistd.h>

namespace ghd {

namespace {

Result<std::string> read_fd(int fd, const std::string& path) {
  std::string out;
  char buf[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0) {
      if (errno == EINTR) continue;
      return Status::IoError(fmt::format("{}: {}", path, std::strerror(errno)));
    }
    if (n == 0) return out;
    out.append(buf, size_t(n));
  }
}

}  // namespace

Result<std::string> read_file(const std::string& path) {
  GHD_ASSIGN(contents, map_file(path));
  return std::string(contents.view());
}

FileContents::FileContents(FileContents&& o) noexcept
    : map_(std::exchange(o.map_, nullptr)), size_(std::exchange(o.size_, 0)), buffer_(std::move(o.buffer_)) {}

FileContents& FileContents::operator=(FileContents&& o) noexcept {
  if (this != &o) {
    if (map_) ::munmap(const_cast<char*>(map_), size_);
    map_ = std::exchange(o.map_, nullptr);
    size_ = std::exchange(o.size_, 0);
    buffer_ = std::move(o.buffer_);
  }
  return *this;
}

FileContents::~FileContents() {
  if (map_) ::munmap(const_cast<char*>(map_), size_);
}

Result<FileContents> map_file(const std::string& path) {
  FileContents out;
  if (path != "-") {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::NoInput(fmt::format("{}: {}", path, std::strerror(errno)));
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
      ::close(fd);
      return Status::NoInput(fmt::format("{}: is a directory", path));
    }
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
      void* p = ::mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      ::close(fd);
      if (p == MAP_FAILED) return Status::IoError(fmt::format("{}: {}", path, std::strerror(errno)));
      ::madvise(p, size_t(st.st_size), MADV_SEQUENTIAL);
      out.map_ = static_cast<const char*>(p);
      out.size_ = size_t(st.st_size);
      return out;
    }
    auto bytes = read_fd(fd, path);
    ::close(fd);
    if (!bytes.ok()) return bytes.status();
    out.buffer_ = std::move(*bytes);
    return out;
  }
  GHD_ASSIGN(bytes, read_fd(STDIN_FILENO, "<stdin>"));
  out.buffer_ = std::move(bytes);
  return out;
}

Status write_file_atomic(const std::string& path, const std::string& content) {
  const std::string tmp = fmt::format("{}.tmp-{}", path, ::getpid());
  const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IoError(fmt::format("{}: {}", tmp, std::strerror(errno)));
  size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      const int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return Status::IoError(fmt::format("{}: {}", path, std::strerror(err)));
    }
    done += size_t(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return Status::IoError(fmt::format("{}: {}", path, std::strerror(err)));
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    const int err = errno;
    ::unlink(tmp.c_str());
    return Status::IoError(fmt::format("{}: {}", path, std::strerror(err)));
  }
  return Status::Ok();
}

}  // namespace ghd
