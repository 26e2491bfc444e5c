#pragma once
// Splits [0, n) into contiguous ranges run on up to `threads` threads (the
// calling thread takes one). `body(begin, end)` must be safe to run
// concurrently on disjoint ranges.

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace cp::match {

template <class Body>
void ParallelFor(std::size_t n, unsigned threads, const Body& body) {
  const std::size_t workers =
      std::max<std::size_t>(1, std::min<std::size_t>(threads, n / 4096 + 1));
  if (workers == 1) {
    body(std::size_t{0}, n);
    return;
  }
  const std::size_t chunk = (n + workers - 1) / workers;
  std::vector<std::thread> pool;
  for (std::size_t w = 1; w < workers; ++w) {
    const std::size_t begin = std::min(n, w * chunk);
    const std::size_t end = std::min(n, begin + chunk);
    pool.emplace_back([&body, begin, end] { body(begin, end); });
  }
  body(std::size_t{0}, std::min(n, chunk));
  for (auto& t : pool) t.join();
}

}  // namespace cp::match
