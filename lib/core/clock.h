// The current time, behind an interface so that "now" is always an argument:
// tests, replays and catch-up runs pass a fixed clock (--as-of).
#pragma once

#include "calendar/time.h"

namespace ghd {

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Instant now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Instant now() const override {
    return std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  }
};

class FixedClock final : public Clock {
 public:
  explicit FixedClock(Instant t) : t_(t) {}
  Instant now() const override { return t_; }

 private:
  Instant t_;
};

}  // namespace ghd
