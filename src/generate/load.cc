#include "generate/load.h"

#include <chrono>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <thread>

#include "store/child_repository.h"
#include "store/migrations.h"
#include "store/reference_repository.h"

namespace cp::generate {
namespace {

constexpr std::size_t kBatch = 20000;
constexpr std::size_t kQueueDepth = 4;

// Batches handed from the generating thread to the writing thread.
class BatchQueue {
 public:
  void Push(std::vector<core::Child> batch) {
    std::unique_lock lock(mu_);
    space_.wait(lock, [&] { return queue_.size() < kQueueDepth; });
    queue_.push_back(std::move(batch));
    ready_.notify_one();
  }
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    ready_.notify_all();
  }
  // False when closed and drained.
  bool Pop(std::vector<core::Child>& out) {
    std::unique_lock lock(mu_);
    ready_.wait(lock, [&] { return !queue_.empty() || closed_; });
    if (queue_.empty()) return false;
    out = std::move(queue_.front());
    queue_.pop_front();
    space_.notify_one();
    return true;
  }

 private:
  std::mutex mu_;
  std::condition_variable ready_, space_;
  std::deque<std::vector<core::Child>> queue_;
  bool closed_ = false;
};

}  // namespace

Result<LoadSummary> LoadIntoDatabase(const std::string& url, const PopulationOptions& options,
                                     std::ostream& progress) {
  const auto started = std::chrono::steady_clock::now();
  if (url.rfind("sqlite:", 0) == 0) {
    const std::filesystem::path path(url.substr(7));
    std::error_code ec;
    if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ec);
  }
  CP_ASSIGN(auto db, store::Database::Open(url, 1));
  CP_ASSIGN(auto conn, db->Acquire());
  const FakeClock at_today(options.today.StartTimestamp());
  CP_ASSIGN(int applied, store::Migrate(*conn, at_today));
  (void)applied;
  CP_ASSIGN(std::int64_t existing, store::ChildRepository(*conn).Count());
  if (existing > 0) return Error::Conflict("The database already holds children");
  CP_ASSIGN(auto generator, PopulationGenerator::Create(options));

  LoadSummary summary;
  {
    store::Transaction tx(*conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    store::ReferenceRepository refs(*conn);
    CP_TRY(refs.SeedLocalAuthorities());
    for (core::Organisation org : generator->organisations()) {
      CP_TRY(refs.InsertOrganisation(org));
      ++summary.organisations;
    }
    CP_TRY(tx.Commit());
  }

  BatchQueue queue;
  std::thread producer([&] {
    std::vector<core::Child> batch;
    while (generator->NextBatch(batch, kBatch)) {
      queue.Push(std::move(batch));
      batch = {};
    }
    queue.Close();
  });
  Status status = Ok();
  std::vector<core::Child> batch;
  store::ChildRepository children(*conn);
  while (queue.Pop(batch)) {
    if (!status) continue;  // drain so the producer can finish
    status = [&]() -> Status {
      store::Transaction tx(*conn, store::TxMode::kWrite);
      CP_TRY(tx.Begin());
      for (core::Child& c : batch) CP_TRY(children.Insert(c));
      return tx.Commit();
    }();
    summary.children += static_cast<std::int64_t>(batch.size());
    if (summary.children % 100000 < static_cast<std::int64_t>(kBatch)) {
      progress << "  " << summary.children << " children\n" << std::flush;
    }
  }
  producer.join();
  CP_TRY(status);
  summary.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  return summary;
}

}  // namespace cp::generate
