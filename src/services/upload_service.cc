#include "services/upload_service.h"

#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <filesystem>
#include <memory>

#include "services/input_text.h"
#include "services/source_register.h"
#include "store/source_repository.h"

namespace cp::services {
namespace {

constexpr const char* kUnavailable =
    "Uploads are not available on this service: send the file with contactpoint import";

// An upload held on disk for its import: one file of mode 0600 in a fresh
// directory of mode 0700 under the system's temporary directory; both are
// removed when this goes.
class TempUpload {
 public:
  static Result<std::unique_ptr<TempUpload>> Write(std::string_view body, FeedFormat format,
                                                   const std::string& stem) {
    std::error_code ec;
    const std::filesystem::path base = std::filesystem::temp_directory_path(ec);
    if (ec) return Error::Unavailable("There is no temporary directory to hold the upload");
    std::string dir = (base / "contactpoint-upload-XXXXXX").string();
    if (::mkdtemp(dir.data()) == nullptr) {
      return Error::Unavailable("The upload could not be held for its import");
    }
    std::unique_ptr<TempUpload> out(new TempUpload(
        dir, dir + "/" + stem + (format == FeedFormat::kJsonLines ? ".jsonl" : ".csv")));
    const int fd =
        ::open(out->path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) return Error::Unavailable("The upload could not be held for its import");
    std::size_t done = 0;
    while (done < body.size()) {
      const ssize_t n = ::write(fd, body.data() + done, body.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      done += static_cast<std::size_t>(n);
    }
    if (::close(fd) != 0 || done != body.size()) {
      return Error::Unavailable("The upload could not be held for its import");
    }
    return out;
  }
  ~TempUpload() {
    ::unlink(path_.c_str());
    ::rmdir(dir_.c_str());
  }
  TempUpload(const TempUpload&) = delete;
  TempUpload& operator=(const TempUpload&) = delete;
  const std::string& path() const { return path_; }

 private:
  TempUpload(std::string dir, std::string path) : dir_(std::move(dir)), path_(std::move(path)) {}
  std::string dir_, path_;
};

// G 4.45, as the source register decides it: the central team manages
// every source; an LA's data managers the local sources of their own LA.
bool Manages(const Actor& actor, const core::DataSource& source) {
  if (!actor.Has(core::Right::kAdministerData)) return false;
  if (actor.role == core::Role::kCentralTeam) return true;
  return !source.IsNational() && !actor.la_code.empty() && source.la_code == actor.la_code;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

std::optional<FeedFormat> FeedFormatOfMediaType(std::string_view content_type) {
  std::string type = Lower(content_type.substr(0, content_type.find(';')));
  while (!type.empty() && (type.back() == ' ' || type.back() == '\t')) type.pop_back();
  while (!type.empty() && (type.front() == ' ' || type.front() == '\t')) type.erase(0, 1);
  if (type == "text/csv") return FeedFormat::kCsv;
  if (type == "application/x-ndjson") return FeedFormat::kJsonLines;
  return std::nullopt;
}

std::optional<FeedFormat> FeedFormatOfFileName(std::string_view file_name) {
  const std::size_t dot = file_name.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const std::string ext = Lower(file_name.substr(dot));
  if (ext == ".csv") return FeedFormat::kCsv;
  if (ext == ".jsonl" || ext == ".ndjson") return FeedFormat::kJsonLines;
  return std::nullopt;
}

Result<ImportReport> UploadService::ReceiveFromSource(const std::string& credential,
                                                      std::string_view body,
                                                      std::optional<FeedFormat> format) {
  if (importer_ == nullptr) return Error::Unavailable(kUnavailable);
  CP_ASSIGN(core::DataSource source,
            SourceRegister(ctx_).AuthoriseUpload(credential, Route::kApi));  // FEED-2, audited
  return ImportBody(Actor::System(Route::kApi), source, body, format, "content_type");
}

Result<std::vector<core::DataSource>> UploadService::Uploadable(const Actor& actor) {
  if (!actor.Has(core::Right::kAdministerData)) {
    CP_TRY(ctx_.audit.Append(actor, {"import.sources", "denied", {}, "{}"}));
    return Error::Denied("Only the central team and an LA's data managers upload sources' files");
  }
  std::vector<core::DataSource> all;
  {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    store::SourceRepository repo(*conn);
    if (actor.role == core::Role::kCentralTeam) {
      CP_ASSIGN(all, repo.ListAll());
    } else {
      CP_ASSIGN(all, repo.ListForLocalAuthority(actor.la_code));
    }
  }
  std::vector<core::DataSource> out;
  for (auto& s : all) {
    if (Manages(actor, s) && core::MayUpload(s)) out.push_back(std::move(s));
  }
  return out;
}

Result<ImportReport> UploadService::ReceiveFromUser(const Actor& actor, core::DataSourceId id,
                                                    std::string_view body,
                                                    std::optional<FeedFormat> format) {
  if (importer_ == nullptr) return Error::Unavailable(kUnavailable);
  const std::string details = AuditDetails({{"source_id", id}});
  if (!actor.Has(core::Right::kAdministerData)) {
    CP_TRY(ctx_.audit.Append(actor, {"import.upload", "denied", {}, details}));
    return Error::Denied("Only the central team and an LA's data managers upload sources' files");
  }
  auto source = [&]() -> Result<core::DataSource> {
    CP_ASSIGN(auto conn, ctx_.db.Acquire());
    return store::SourceRepository(*conn).Get(id);
  }();
  if (!source) {
    if (source.error().code != ErrorCode::kNotFound) return source.error();
    CP_TRY(ctx_.audit.Append(actor, {"import.upload", "not_found", {}, details}));
    return Error::NotFound("There is no such data source");
  }
  if (!Manages(actor, *source)) {
    CP_TRY(ctx_.audit.Append(actor, {"import.upload", "denied", {}, details}));
    return Error::Denied("Upload files for your own local authority's data sources only");
  }
  return ImportBody(actor, *source, body, format, "file");
}

Result<ImportReport> UploadService::ImportBody(const Actor& actor, const core::DataSource& source,
                                               std::string_view body,
                                               std::optional<FeedFormat> format,
                                               const char* format_field) {
  const std::string details = AuditDetails({{"source_id", source.id}});
  if (!core::MayUpload(source)) {  // FEED-2, G 4.46
    CP_TRY(ctx_.audit.Append(actor, {"import.upload", "denied", {}, details}));
    return Error::Denied(std::string(core::UploadRefusal(source)));
  }
  auto refuse = [&](Error e) -> Result<ImportReport> {
    CP_TRY(ctx_.audit.Append(actor, {"import.upload", "rejected", {}, details}));
    return e;
  };
  if (!format) {
    return refuse(
        Error::Invalid(format_field, std::string(format_field) == "file"
                                         ? "Choose a CSV file (.csv) or a JSON Lines file (.jsonl)"
                                         : "Send the file as text/csv or application/x-ndjson"));
  }
  if (body.empty()) return refuse(Error::Invalid("file", "The file is empty"));
  if (body.size() > kMaxUploadBytes) {
    return refuse(Error::Invalid("file",
                                 "The file is larger than 256 MB: send it in parts, or with "
                                 "contactpoint import"));
  }
  std::unique_lock<std::mutex> one_at_a_time(importing_, std::try_to_lock);
  if (!one_at_a_time.owns_lock()) {
    CP_TRY(ctx_.audit.Append(actor, {"import.upload", "busy", {}, details}));
    return Error::Unavailable("Another upload is being imported: send this one again later");
  }
  CP_ASSIGN(auto file, TempUpload::Write(body, *format,
                                         actor.route == Route::kApi ? "api-upload" : "web-upload"));
  return importer_->Import(actor, source, file->path());
}

}  // namespace cp::services
