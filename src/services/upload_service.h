#pragma once
// A source's upload received over the network (FEED-2, FEED-3): by the API,
// where the source presents its own credential, or through the upload page,
// where a data administrator sends a file for a source their LA manages.
// Both end in the same ImportService::Import as `contactpoint import`.
//
// The upload is written to a private temporary file (a directory of mode
// 0700 under the system's temporary directory holding one file of mode
// 0600), imported from there and deleted, whatever the outcome. Every
// attempt is audited: the credential check by the source register, a
// refusal here, and the import itself by the import service.
//
// Thread-safe. One upload is imported at a time: another that arrives
// meanwhile is Unavailable (audited "busy") rather than held in memory
// while it waits, and two uploads never match rows against each other's
// half-made records.

#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/data_source.h"
#include "services/actor.h"
#include "services/context.h"
#include "services/feed_row.h"
#include "services/import_service.h"

namespace cp::services {

// The largest upload accepted over the network; bigger files go through
// `contactpoint import` or are sent in parts. The web server's body limits
// for the upload routes default to this.
inline constexpr std::size_t kMaxUploadBytes = 256 * 1024 * 1024;

class UploadService {
 public:
  // `importer` may be null (a service without its search index): then every
  // upload is Unavailable.
  UploadService(ServiceContext& ctx, ImportService* importer) : ctx_(ctx), importer_(importer) {}

  bool available() const { return importer_ != nullptr; }

  // FEED-2: the upload of the source `credential` belongs to, when it is
  // accredited with an active agreement (SourceRegister::AuthoriseUpload:
  // Unauthenticated, or PermissionDenied saying why). `format` is empty
  // when the upload is in no format of the feed (InvalidArgument
  // "content_type"). Imported as the system on the API route.
  Result<ImportReport> ReceiveFromSource(const std::string& credential, std::string_view body,
                                         std::optional<FeedFormat> format);

  // The sources `actor` may upload for: accredited, with an active
  // agreement, and managed by the actor — for the central team every such
  // source, for an LA's data managers their own LA's local sources (G 4.45).
  // PermissionDenied (audited) without administer_data.
  Result<std::vector<core::DataSource>> Uploadable(const Actor& actor);

  // A data administrator's upload for source `id`: PermissionDenied
  // (audited) unless the actor manages the source, NotFound for no such
  // source; `format` empty: InvalidArgument "file". Imported as `actor`.
  Result<ImportReport> ReceiveFromUser(const Actor& actor, core::DataSourceId id,
                                       std::string_view body, std::optional<FeedFormat> format);

 private:
  Result<ImportReport> ImportBody(const Actor& actor, const core::DataSource& source,
                                  std::string_view body, std::optional<FeedFormat> format,
                                  const char* format_field);

  ServiceContext& ctx_;
  ImportService* importer_;
  std::mutex importing_;  // held while an upload is imported
};

// The feed format a media type names ("text/csv", "application/x-ndjson",
// parameters ignored), or that a file name's extension names (".csv",
// ".jsonl"); empty for anything else.
std::optional<FeedFormat> FeedFormatOfMediaType(std::string_view content_type);
std::optional<FeedFormat> FeedFormatOfFileName(std::string_view file_name);

}  // namespace cp::services
