// The readings of one device and metric over one local day, stored as one
// compact block: times as varint deltas from the day's start, values as
// varint deltas of integers at the smallest decimal scale that holds them
// exactly (19.5 at scale 1 is 195), or raw doubles when none does. A day of
// 5-minute readings takes a few bytes a reading, where a row per reading
// takes thirty or more.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/status.h"

namespace ghd {

struct Sample {
  std::int64_t t = 0;  // seconds since the Unix epoch
  double value = 0;
  bool operator<(const Sample& o) const { return t < o.t; }
};

// `samples` sorted by time, one per instant; `day_start` the UTC instant of
// the day's local midnight.
std::string encode_chunk(const std::vector<Sample>& samples, std::int64_t day_start);
Result<std::vector<Sample>> decode_chunk(const std::string& blob, std::int64_t day_start);

struct MergeResult {
  long long added = 0;
  long long duplicates = 0;  // same instant already held (the value held first is kept)
};
// Merges `incoming` (any order, may repeat) into `held` (sorted, unique).
MergeResult merge_samples(std::vector<Sample>& held, std::vector<Sample> incoming);

}  // namespace ghd
