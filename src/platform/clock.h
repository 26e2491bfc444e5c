#pragma once
// Clock: the only source of "now" (DESIGN invariant 3, "time is an input").
//
// Rules take a Clock (or a Timestamp/Date read from one) and never call the
// system clock themselves. SystemClock is the production clock; FakeClock
// lets a test run years of lifecycle in milliseconds. Both are thread-safe.

#include <atomic>

#include "platform/date.h"

namespace cp {

class Clock {
 public:
  virtual ~Clock() = default;
  // Seconds since the epoch, UTC.
  virtual Timestamp Now() const = 0;
  // Microseconds since the epoch, UTC, for durations and ordering.
  virtual std::int64_t NowMicros() const = 0;
  Date Today() const { return Date::FromTimestamp(Now()); }
};

class SystemClock final : public Clock {
 public:
  Timestamp Now() const override;
  std::int64_t NowMicros() const override;
  // One process-wide instance.
  static const SystemClock& Instance();
};

class FakeClock final : public Clock {
 public:
  explicit FakeClock(Timestamp start) : micros_(start * 1000000) {}
  Timestamp Now() const override { return micros_.load() / 1000000; }
  std::int64_t NowMicros() const override { return micros_.load(); }
  void Set(Timestamp t) { micros_ = t * 1000000; }
  void Advance(std::int64_t seconds) { micros_ += seconds * 1000000; }

 private:
  std::atomic<std::int64_t> micros_;
};

}  // namespace cp
