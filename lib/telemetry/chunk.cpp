#include "telemetry/chunk.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace ghd {

namespace {

constexpr unsigned char kVersion = 1;
constexpr unsigned char kRawDoubles = 255;
constexpr int kMaxScale = 6;

void put_varint(std::string& out, std::uint64_t v) {
  while (v >= 0x80) {
    out += char((v & 0x7F) | 0x80);
    v >>= 7;
  }
  out += char(v);
}

bool get_varint(const std::string& in, size_t& pos, std::uint64_t& v) {
  v = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos >= in.size()) return false;
    const auto byte = static_cast<unsigned char>(in[pos++]);
    v |= std::uint64_t(byte & 0x7F) << shift;
    if (!(byte & 0x80)) return true;
  }
  return false;
}

std::uint64_t zigzag(std::int64_t v) { return (std::uint64_t(v) << 1) ^ std::uint64_t(v >> 63); }
std::int64_t unzigzag(std::uint64_t v) { return std::int64_t(v >> 1) ^ -std::int64_t(v & 1); }

// The smallest number of decimals that writes every value exactly, or -1.
int decimal_scale(const std::vector<Sample>& samples) {
  double factor = 1;
  for (int scale = 0; scale <= kMaxScale; ++scale, factor *= 10) {
    bool fits = true;
    for (const auto& s : samples) {
      const double scaled = s.value * factor;
      if (!std::isfinite(scaled) || std::fabs(scaled) > 9e15 || std::fabs(scaled - std::round(scaled)) > 1e-6) {
        fits = false;
        break;
      }
    }
    if (fits) return scale;
  }
  return -1;
}

}  // namespace

std::string encode_chunk(const std::vector<Sample>& samples, std::int64_t day_start) {
  std::string out;
  out.reserve(8 + samples.size() * 4);
  out += char(kVersion);
  const int scale = decimal_scale(samples);
  out += char(scale < 0 ? kRawDoubles : scale);
  put_varint(out, samples.size());
  std::int64_t prev_t = day_start;
  for (const auto& s : samples) {
    put_varint(out, zigzag(s.t - prev_t));
    prev_t = s.t;
  }
  if (scale < 0) {
    for (const auto& s : samples) {
      char bytes[8];
      std::memcpy(bytes, &s.value, 8);
      out.append(bytes, 8);
    }
    return out;
  }
  const double factor = std::pow(10.0, scale);
  std::int64_t prev_v = 0;
  for (const auto& s : samples) {
    const auto v = std::int64_t(std::llround(s.value * factor));
    put_varint(out, zigzag(v - prev_v));
    prev_v = v;
  }
  return out;
}

Result<std::vector<Sample>> decode_chunk(const std::string& blob, std::int64_t day_start) {
  auto corrupt = [] { return Status::DataError("corrupt readings block"); };
  if (blob.size() < 3 || static_cast<unsigned char>(blob[0]) != kVersion) return corrupt();
  const auto scale = static_cast<unsigned char>(blob[1]);
  size_t pos = 2;
  std::uint64_t count = 0;
  if (!get_varint(blob, pos, count) || count > blob.size() * 8) return corrupt();
  std::vector<Sample> out(count);
  std::int64_t t = day_start;
  for (auto& s : out) {
    std::uint64_t d = 0;
    if (!get_varint(blob, pos, d)) return corrupt();
    t += unzigzag(d);
    s.t = t;
  }
  if (scale == kRawDoubles) {
    if (blob.size() - pos != count * 8) return corrupt();
    for (auto& s : out) {
      std::memcpy(&s.value, blob.data() + pos, 8);
      pos += 8;
    }
    return out;
  }
  if (scale > kMaxScale) return corrupt();
  const double factor = std::pow(10.0, scale);
  std::int64_t v = 0;
  for (auto& s : out) {
    std::uint64_t d = 0;
    if (!get_varint(blob, pos, d)) return corrupt();
    v += unzigzag(d);
    s.value = double(v) / factor;
  }
  if (pos != blob.size()) return corrupt();
  return out;
}

MergeResult merge_samples(std::vector<Sample>& held, std::vector<Sample> incoming) {
  MergeResult r;
  // Stable: of two readings of one instant in the same batch, the first read wins.
  std::stable_sort(incoming.begin(), incoming.end());
  std::vector<Sample> out;
  out.reserve(held.size() + incoming.size());
  size_t i = 0, j = 0;
  while (i < held.size() || j < incoming.size()) {
    if (j == incoming.size() || (i < held.size() && held[i].t <= incoming[j].t)) {
      if (j < incoming.size() && held[i].t == incoming[j].t) {
        ++r.duplicates;
        ++j;
        continue;
      }
      out.push_back(held[i++]);
    } else {
      if (!out.empty() && out.back().t == incoming[j].t) {
        ++r.duplicates;
      } else {
        out.push_back(incoming[j]);
        ++r.added;
      }
      ++j;
    }
  }
  held = std::move(out);
  return r;
}

}  // namespace ghd
