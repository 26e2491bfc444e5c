#pragma once
// The outbox of messages owed to people (staff managers, sources).

#include <optional>
#include <string>
#include <vector>

#include "platform/date.h"
#include "store/db.h"

namespace cp::store {

struct Notification {
  std::int64_t id = 0;
  Timestamp created_at = 0;
  std::string recipient;
  std::string subject;
  std::string body;
  std::optional<Timestamp> sent_at;
};

class NotificationRepository {
 public:
  explicit NotificationRepository(Connection& conn) : conn_(conn) {}
  Result<std::int64_t> Add(const Notification& n);
  Result<std::vector<Notification>> Unsent(int limit);
  Status MarkSent(std::int64_t id, Timestamp at);

 private:
  Connection& conn_;
};

}  // namespace cp::store
