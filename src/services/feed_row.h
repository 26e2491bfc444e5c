#pragma once
// The feed format (docs/feeds.md): reading a source's upload — CSV with a
// header row, or JSON Lines with the same field names — and turning each row
// into what the source says about one child.
//
// Reading refuses a file that is not the format at all, before anything is
// stored: not UTF-8, a record longer than kMaxRecordBytes, a header with an
// unknown or repeated column or without source_record_id, a row with more or
// fewer fields than the header, a quoted field left open at the end of the
// file (a truncated upload), a JSON line that is not an object of strings.
// Each such error names the row.
//
// A row that is the format but not usable — a date that is not a date, no
// surname, a child resident outside England (NEW-3) — is refused on its own
// with the field and the problem; the rest of the upload goes on (FEED-3).

#include <cstdint>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/child.h"
#include "platform/result.h"

namespace cp::services {

enum class FeedFormat { kCsv, kJsonLines };

// From the file name: ".jsonl"/".ndjson" → JSON Lines, otherwise CSV.
FeedFormat FeedFormatOf(const std::string& path);

inline constexpr std::size_t kMaxRecordBytes = 64 * 1024;

// One row as sent: its number (1 for the first data row) and its non-empty
// fields by column name.
struct FeedRecord {
  std::int64_t row = 0;
  std::map<std::string, std::string> fields;
};

class FeedReader {
 public:
  // Opens `path` and, for CSV, reads and checks the header.
  static Result<FeedReader> Open(const std::string& path, FeedFormat format);

  // The next row, or false at the end. An Invalid error (field "file")
  // when the file breaks the format at this row.
  Result<bool> Next(FeedRecord* record);
  // As Next, checking the row without keeping it: for a pass over the
  // file's shape, or past the rows an interrupted import committed.
  Result<bool> Skip();

  std::int64_t bytes_read() const { return bytes_; }

 private:
  Result<bool> Read(FeedRecord* record);  // null: Skip
  FeedReader(std::unique_ptr<std::ifstream> in, FeedFormat format)
      : in_(std::move(in)), format_(format) {}
  Result<bool> ReadCsvRecord(std::vector<std::string>* fields);
  Result<bool> ReadLine(std::string* line);

  std::unique_ptr<std::ifstream> in_;
  FeedFormat format_;
  std::vector<std::string> header_;
  std::vector<std::string> fields_;  // the CSV row being read, reused
  std::int64_t row_ = 0;
  std::int64_t bytes_ = 0;
};

// Where a child lives, for LA-1 and NEW-3: the responsible LA from the
// row's la_code when given, otherwise from the postcode's area.
class LaLocator {
 public:
  // Reads data/places/local_authority_places.csv under `data_dir`.
  static Result<LaLocator> Load(const std::string& data_dir);
  // The LA most children of the postcode area belong to; empty if unknown.
  std::string ForPostcodeArea(const std::string& area) const;

 private:
  std::map<std::string, std::string> by_area_;
};

// What one row says about a child.
struct SourceRow {
  std::string source_record_id;
  core::Child child;  // items the row does not give are empty; no id or UIN
  bool shield_flag = false;
};

// A partial statement (UPD-1): a user's amendment is held as a contribution
// that states only the items amended, named (core::ItemName, separated by
// commas) under this key of its stored fields. It is not a feed column, so
// no upload can carry it (FeedReader refuses unknown columns): only the
// amendment service stores it. A partial statement needs forenames, surname
// and date of birth only when it states names or the date of birth, and
// gives a local authority only when it states local_authority — a new
// address alone never moves a record to another LA.
inline constexpr const char* kStatedItemsField = "stated_items";

// The row as the source's statement about a child, or the first problem
// (Invalid naming the column). `received_on` bounds dates; the source's
// stamp (REC-8) is set on every item.
Result<SourceRow> ParseSourceRow(const FeedRecord& record, const LaLocator& places,
                                 core::SourceStamp stamp, Date received_on);

}  // namespace cp::services
