#include "cli/runtime.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "security/random.h"
#include "store/migrations.h"

namespace cp::cli {
namespace fs = std::filesystem;

Runtime::~Runtime() {
  audit.reset();  // flushes and signs a final checkpoint before the database closes
  ctx.reset();
}

services::Actor OperatorActor() {
  services::Actor a;
  a.role = core::Role::kCentralTeam;
  a.rights = core::RoleRights(core::Role::kCentralTeam);
  a.route = services::Route::kCli;
  return a;
}

Result<std::string> LoadOrCreateSecret(const std::string& path, std::size_t size) {
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    fs::create_directories(fs::path(path).parent_path(), ec);
    const std::string bytes = security::RandomBytes(size);
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
    if (fd < 0) return Error::Unavailable("cannot create key file " + path);
    const bool ok = ::write(fd, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size());
    ::close(fd);
    if (!ok) return Error::Unavailable("cannot write key file " + path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::Unavailable("cannot read key file " + path);
  std::stringstream s;
  s << in.rdbuf();
  std::string bytes = s.str();
  if (bytes.size() != size)
    return Error::Invalid("keys", "key file " + path + " has the wrong size");
  return bytes;
}

Result<std::unique_ptr<Runtime>> OpenRuntime(const RuntimeOptions& o) {
  auto rt = std::make_unique<Runtime>();
  if (o.db_url.rfind("sqlite:", 0) == 0) {
    const fs::path path(o.db_url.substr(7));
    std::error_code ec;
    if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  }
  CP_ASSIGN(rt->db, store::Database::Open(o.db_url, o.pool_size, o.cache_mib));
  {
    CP_ASSIGN(auto conn, rt->db->Acquire());
    CP_ASSIGN(int applied, store::Migrate(*conn, SystemClock::Instance()));
    (void)applied;
  }
  ::umask(077);
  services::CredentialKeys keys;
  CP_ASSIGN(keys.pepper, LoadOrCreateSecret(o.keys_dir + "/password-pepper", 32));
  CP_ASSIGN(keys.secret_box_key, LoadOrCreateSecret(o.keys_dir + "/token-secret.key", 32));
  keys.password_list = o.password_list.empty()
                           ? std::string(CP_DEFAULT_DATA_DIR) + "/passwords/common.txt"
                           : o.password_list;
  CP_ASSIGN(std::string seed, LoadOrCreateSecret(o.keys_dir + "/audit-signing.seed", 32));
  rt->signer = std::make_unique<security::Signer>(security::Signer::FromSeed(seed));
  CP_ASSIGN(rt->credentials, services::Credentials::Create(keys));
  rt->audit =
      std::make_unique<services::AuditTrail>(*rt->db, SystemClock::Instance(), rt->signer.get());
  rt->ctx = std::make_unique<services::ServiceContext>(
      services::ServiceContext{*rt->db, SystemClock::Instance(), *rt->audit});
  return rt;
}

}  // namespace cp::cli
