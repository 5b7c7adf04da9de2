#include <catch2/catch.hpp>

#include "telemetry/chunk.h"

using namespace ghd;

TEST_CASE("a day of readings round-trips through a compact block") {
  const std::int64_t day = 1796000000;
  std::vector<Sample> samples;
  for (int i = 0; i < 288; ++i) samples.push_back({day + i * 300 + (i % 7), 19.5 + (i % 10) * 0.1});
  const std::string blob = encode_chunk(samples, day);
  CHECK(blob.size() < samples.size() * 4);  // a few bytes a reading
  auto back = decode_chunk(blob, day);
  REQUIRE(back.ok());
  REQUIRE(back->size() == samples.size());
  for (size_t i = 0; i < samples.size(); ++i) {
    CHECK(back->at(i).t == samples[i].t);
    CHECK(back->at(i).value == Approx(samples[i].value).margin(1e-9));
  }
}

TEST_CASE("values no decimal scale holds are kept as doubles") {
  const std::vector<Sample> samples = {{10, 1.0 / 3}, {20, -2.5e-9}, {30, 123456789.125}};
  auto back = decode_chunk(encode_chunk(samples, 0), 0);
  REQUIRE(back.ok());
  CHECK(back->at(0).value == samples[0].value);
  CHECK(back->at(1).value == samples[1].value);
  CHECK(back->at(2).value == samples[2].value);
  CHECK_FALSE(decode_chunk("\x01\x00\x05", 0).ok());  // truncated
  CHECK_FALSE(decode_chunk("garbage", 0).ok());
}

TEST_CASE("merging keeps one reading per instant, the first one held") {
  std::vector<Sample> held = {{100, 1}, {300, 3}};
  const auto r = merge_samples(held, {{200, 2}, {100, 9}, {400, 4}, {200, 7}});
  CHECK(r.added == 2);
  CHECK(r.duplicates == 2);
  REQUIRE(held.size() == 4);
  CHECK(held[0].value == 1);  // the stored value wins
  CHECK(held[1].value == 2);  // the first of two in one batch wins
  CHECK(held[3].t == 400);
}
