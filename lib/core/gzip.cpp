#include "core/gzip.h"

#include <fmt/format.h>
#include <zlib.h>

namespace ghd {

bool is_gzip(std::string_view b) {
  return b.size() >= 2 && static_cast<unsigned char>(b[0]) == 0x1f && static_cast<unsigned char>(b[1]) == 0x8b;
}

Result<std::string> gunzip(std::string_view in) {
  std::string out;
  z_stream zs{};
  // 16 + MAX_WBITS: a gzip header and trailer, checked.
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) return Status::Internal("zlib: cannot initialise");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  char buf[1 << 16];
  int rc = Z_OK;
  while (true) {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.append(buf, sizeof buf - zs.avail_out);
    if (rc == Z_STREAM_END) {
      if (zs.avail_in == 0) break;
      inflateReset(&zs);  // the next member
      continue;
    }
    if (rc != Z_OK) break;
  }
  inflateEnd(&zs);
  if (rc != Z_STREAM_END)
    return Status::DataError(fmt::format("corrupt or truncated gzip data ({})", zs.msg ? zs.msg : "zlib error"));
  return out;
}

}  // namespace ghd
