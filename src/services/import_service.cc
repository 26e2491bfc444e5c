#include "services/import_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <future>
#include <map>
#include <set>
#include <thread>

#include "security/random.h"
#include "services/import_lookahead.h"
#include "services/input_text.h"
#include "services/record_linkage.h"
#include "store/child_repository.h"
#include "store/contribution_repository.h"
#include "store/review_repository.h"

namespace cp::services {
namespace {

using store::ContributionRepository;
using store::ContributionState;

// FEED-6: true when a data administrator has decided that the best
// candidate and another candidate are two different children. The engine
// then has a choice a person already found hard: a person makes it.
Result<bool> KnownDistinctAmong(store::Connection& conn, const std::vector<LinkCandidate>& hits) {
  store::ReviewRepository reviews(conn);
  for (std::size_t i = 1; i < hits.size(); ++i) {
    CP_ASSIGN(const bool distinct, reviews.AreDistinct(hits[0].child, hits[i].child));
    if (distinct) return true;
  }
  return false;
}

// Best first; of two alike, the older record.
void SortBest(std::vector<LinkCandidate>& hits) {
  std::sort(hits.begin(), hits.end(), [](const auto& x, const auto& y) {
    return x.probability != y.probability ? x.probability > y.probability : x.child < y.child;
  });
}

}  // namespace

struct ImportService::Batch {
  Batch(store::Connection& c, const core::DataSource& s, std::int64_t upload, Timestamp at,
        double held_share, ImportReport& r, const ChangedRecords& changed_before)
      : conn(c),
        source(s),
        upload_id(upload),
        now(at),
        today(Date::FromTimestamp(at)),
        held(held_share),
        report(r),
        before(changed_before),
        uins(c) {}
  store::Connection& conn;
  const core::DataSource& source;
  std::int64_t upload_id;
  Timestamp now;
  Date today;
  // HeldShare of the upload's rows before this batch: from its committed
  // progress, so a resumed import weighs each batch as an unbroken one did.
  double held;
  ImportReport& report;
  // The records the batch before changed, when this batch was matched
  // ahead (import_lookahead.h); none otherwise.
  const ChangedRecords& before;
  // The records this batch created or rebuilt, with their dates of birth as
  // they now stand.
  std::map<core::ChildId, Date> touched;
  std::vector<core::ChildId> to_shield;
  // Records this batch created, by date of birth: the candidates matched
  // before the batch began could not include them.
  ChangedRecords created_on;
  store::UinIssuer uins;
  std::int64_t linked = 0, created = 0, review = 0, rejected = 0, updated = 0;
};

Status ImportService::Rebuild(Batch& b, core::ChildId child,
                              std::optional<ParsedContribution> fresh) {
  CP_ASSIGN(const core::Child rebuilt,
            RebuildBestView(b.conn, index_, places_, child, b.now, fresh));
  b.touched[child] = rebuilt.date_of_birth;
  return Ok();
}

Result<bool> ImportService::ApplyPlan(Batch& b, core::ChildId child,
                                      const std::optional<RebuildPlan>& plan) {
  if (!plan || plan->stored.id != child || plan->best.updated_at != b.now) return false;
  CP_ASSIGN(const std::int64_t version, store::ChildRepository(b.conn).Version(child));
  if (version != plan->version) return false;  // changed since: rebuilt afresh
  CP_TRY(ApplyRebuild(b.conn, index_, *plan));
  b.touched[child] = plan->best.date_of_birth;
  return true;
}

std::vector<LinkCandidate> ImportService::Judge(const Batch& b, const core::Child& row,
                                                const std::vector<core::ChildId>& ahead) const {
  std::vector<core::ChildId> ids = ahead;
  for (core::ChildId id : b.before.BornAround(row.date_of_birth)) {
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  std::vector<LinkCandidate> hits = CandidatesAmong(index_, row, ids, b.held);
  SortBest(hits);
  return hits;
}

Status ImportService::ProcessRow(Batch& b, PreparedRow& pending) {
  const FeedRecord& record = pending.record;
  Result<SourceRow>& parsed = *pending.parsed;
  if (!parsed) {
    ++b.rejected;
    CP_TRY(ContributionRepository(b.conn).AddRejection(
        b.upload_id, record.row, parsed.error().field, parsed.error().message));
    if (b.report.problems.size() < kMaxReportedProblems) {
      b.report.problems.push_back({record.row, parsed.error().field, parsed.error().message});
    }
    return Ok();
  }
  const std::string& fields = pending.fields;
  ContributionRepository contributions(b.conn);
  CP_ASSIGN(auto existing, contributions.Find(b.source.id, parsed->source_record_id));
  if (existing) {
    // A repeat: the source's record replaces what it said before.
    ++b.updated;
    const bool linked = existing->state == ContributionState::kLinked;
    ++(linked ? b.linked : b.review);
    if (existing->fields != fields) {
      CP_TRY(contributions.UpdateFields(existing->id, fields, parsed->shield_flag, b.upload_id,
                                        b.now, record.row));
      if (linked) {
        CP_TRY(Rebuild(b, *existing->child_id, ParsedContribution{existing->id, &parsed->child}));
      }
    }
    if (linked && parsed->shield_flag) b.to_shield.push_back(*existing->child_id);
    return Ok();
  }

  store::ContributionRow row;
  row.source_id = b.source.id;
  row.source_record_id = parsed->source_record_id;
  row.fields = fields;
  row.shield_flag = parsed->shield_flag;
  row.upload_id = b.upload_id;
  row.upload_row = record.row;
  row.received_at = b.now;
  CP_TRY(pending.searched);
  std::vector<LinkCandidate> hits = Judge(b, parsed->child, pending.ahead);
  if (hits.empty() || hits[0].probability < kLinkProbability) {
    // The records earlier rows of this batch created, born the same day (or
    // with day and month swapped).
    const auto created = CandidatesAmong(
        index_, parsed->child, b.created_on.BornAround(parsed->child.date_of_birth), b.held);
    hits.insert(hits.end(), created.begin(), created.end());
    SortBest(hits);
  }
  CP_ASSIGN(const bool contested, KnownDistinctAmong(b.conn, hits));
  if (!hits.empty() && hits[0].probability >= kLinkProbability && !contested) {
    const core::ChildId child = hits[0].child;
    row.child_id = child;
    CP_ASSIGN(const std::int64_t id, contributions.Insert(row));
    CP_ASSIGN(const bool planned, ApplyPlan(b, child, pending.plan));
    if (!planned) CP_TRY(Rebuild(b, child, ParsedContribution{id, &parsed->child}));
    ++b.linked;
    if (parsed->shield_flag) b.to_shield.push_back(child);
    return Ok();
  }
  if (hits.empty() && !parsed->child.la_code.empty()) {
    // NEW-1, LA-1: no record comes near: a new one, in the LA the data
    // places the child in.
    CP_ASSIGN(const std::int64_t sequence, b.uins.Next());
    CP_ASSIGN(core::ChildId id,
              CreateRecordFromRow(b.conn, index_, parsed->child, b.source, b.now, sequence));
    row.child_id = id;
    CP_TRY(contributions.Insert(row));
    b.touched[id] = parsed->child.date_of_birth;
    b.created_on.Add(id, parsed->child.date_of_birth);
    ++b.created;
    if (parsed->shield_flag) b.to_shield.push_back(id);
    return Ok();
  }
  // FEED-6: near one or more records but not surely any: a person decides.
  row.state = ContributionState::kReview;
  CP_ASSIGN(std::int64_t id, contributions.Insert(row));
  boost::json::array candidates;
  for (const auto& h : hits) {
    candidates.push_back(
        boost::json::object{{"child_id", h.child}, {"probability", h.probability}});
  }
  CP_TRY(contributions.AddReview(id, parsed->child.la_code, boost::json::serialize(candidates),
                                 b.now));
  ++b.review;
  return Ok();
}

Result<ImportReport> ImportService::Import(const Actor& actor, const core::DataSource& source,
                                           const std::string& path, const ImportOptions& options) {
  if (!core::MayUpload(source)) {
    CP_TRY(ctx_.audit.Append(
        actor, {"import.upload", "denied", {}, AuditDetails({{"source_id", source.id}})}));
    return Error::Denied("This source is not accredited with an active data supply agreement");
  }
  const auto digest = security::Sha256FileHex(path);
  if (!digest) return Error::Invalid("file", "Cannot read the file");
  const FeedFormat format = FeedFormatOf(path);

  // The file's shape, before anything changes.
  std::int64_t total = 0;
  {
    auto shape = [&]() -> Status {
      CP_ASSIGN(FeedReader reader, FeedReader::Open(path, format));
      for (;;) {
        CP_ASSIGN(bool more, reader.Skip());
        if (!more) return Ok();
        ++total;
      }
    }();
    if (!shape) {
      CP_TRY(ctx_.audit.Append(
          actor, {"import.upload", "rejected", {}, AuditDetails({{"source_id", source.id}})}));
      return shape.error();
    }
  }

  ImportReport report;
  report.rows = total;
  CP_ASSIGN(auto conn, ctx_.db.Acquire());
  // The batches' commits do not wait for the disk: a crash of the machine
  // undoes at most the latest whole batches, and the import resumes after
  // the last that stands. The upload's last commit waits, and so makes
  // every batch before it durable. The connection goes back to the pool
  // waiting again, however the import ends.
  CP_TRY(conn->SetDurableCommits(false));
  struct DurableAgain {
    store::Connection& conn;
    ~DurableAgain() { (void)conn.SetDurableCommits(true); }
  } durable_again{*conn};
  ContributionRepository uploads(*conn);
  store::UploadRow upload;
  {
    store::Transaction tx(*conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    CP_ASSIGN(auto unfinished, uploads.FindUnfinishedUpload(source.id, *digest));
    if (unfinished) {
      upload = *unfinished;
      report.resumed = true;
    } else {
      const std::string name = path.substr(path.find_last_of('/') + 1);
      CP_ASSIGN(upload.id, uploads.StartUpload(source.id, name.substr(0, 200),
                                               format == FeedFormat::kCsv ? "csv" : "jsonl",
                                               *digest, ctx_.clock.Now()));
      upload.source_id = source.id;
    }
    CP_TRY(ctx_.audit.AppendInTransaction(
        *conn, actor,
        {report.resumed ? "import.upload.resume" : "import.upload.start",
         "ok",
         {},
         AuditDetails({{"source_id", source.id}, {"upload_id", upload.id}, {"rows", total}})}));
    CP_TRY(tx.Commit());
  }
  report.upload_id = upload.id;

  CP_ASSIGN(FeedReader reader, FeedReader::Open(path, format));
  for (std::int64_t skipped = 0; skipped < upload.rows_done; ++skipped) {
    CP_ASSIGN(bool more, reader.Skip());
    if (!more) break;
  }
  std::set<core::ChildId> flagged_records;
  auto apply_flags = [&](const std::vector<core::ChildId>& children) -> Status {
    for (core::ChildId child : children) {
      // Once per record and source, however often the flag arrives.
      CP_TRY(shielding_.RequestFromSource(child, source.name, actor.route));
      flagged_records.insert(child);
    }
    report.shielded = static_cast<std::int64_t>(flagged_records.size());
    return Ok();
  };
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  auto read_batch = [&reader](std::size_t count) -> Result<std::vector<PreparedRow>> {
    std::vector<PreparedRow> rows;
    FeedRecord record;
    while (rows.size() < count) {
      CP_ASSIGN(bool more, reader.Next(&record));
      if (!more) break;
      rows.emplace_back(std::move(record));
    }
    return rows;
  };
  const auto batch_rows = static_cast<std::size_t>(std::max(1, options.batch_rows));
  // Rows are found by the index, and their rebuilds planned, on threads of
  // their own: the writing thread then mostly writes.
  auto prepare_as = [&](Timestamp at, bool search) {
    return PrepareAs{source.id, at, search, &ctx_.db, upload.id, source.reliability_rank};
  };

  // The first batch: matched ahead by a run that stopped (kept with its
  // progress), or matched now.
  std::optional<Lookahead> ahead;
  if (!upload.lookahead.empty()) {
    CP_ASSIGN(Lookahead stored, ParseLookahead(upload.lookahead));
    ahead = std::move(stored);
  }
  CP_ASSIGN(std::vector<PreparedRow> pending, read_batch(ahead ? ahead->rows.size() : batch_rows));
  ChangedRecords before;
  // A resumed batch takes the time it is written at, as it did before
  // batches were matched ahead: a record it changes is stamped now, so a
  // running service learns of it (IndexFollower).
  Timestamp now = ctx_.clock.Now();
  if (ahead && ahead->rows.size() == pending.size()) {
    preparer_.Prepare(pending, prepare_as(now, false), cores);
    for (std::size_t i = 0; i < pending.size(); ++i) pending[i].ahead = ahead->rows[i];
    store::ChildRepository children(*conn);
    for (core::ChildId id : ahead->changed) {
      auto record = children.GetCore(id);
      if (!record) {
        if (record.error().code == ErrorCode::kNotFound) continue;
        return record.error();
      }
      before.Add(id, record->date_of_birth);
    }
  } else {
    preparer_.Prepare(pending, prepare_as(now, true), cores);
  }

  // The batch last written: freed on the thread that reads the next one
  // (a batch holds thousands of parsed rows), not on the writing thread.
  std::vector<PreparedRow> written;
  while (!pending.empty()) {
    Batch b(*conn, source, upload.id, now, HeldShare(upload.rows_linked, upload.rows_created),
            report, before);
    // The next batch is read and matched on another thread while this one
    // is written, against the index as it stands now: this batch's changes
    // to it are held until the next batch's matching is done.
    const Timestamp next_now = ctx_.clock.Now();
    index_.HoldChanges();
    // The writer joins in when it has written this batch: at national size
    // matching a batch takes longer than writing one.
    Preparation ahead_work;
    ahead_work.as = prepare_as(next_now, true);
    std::future<Status> next =
        std::async(std::launch::async, [&, spent = std::move(written)]() mutable -> Status {
          spent = {};
          CP_ASSIGN(ahead_work.rows, read_batch(batch_rows));
          ahead_work.ready = true;
          preparer_.ShareAmong(ahead_work, std::max(1u, cores - 1));  // the writer is the other
          return Ok();
        });
    std::vector<PreparedRow> following;
    std::int64_t rows = 0;
    Status done = [&]() -> Status {
      store::Transaction tx(*conn, store::TxMode::kWrite);
      CP_TRY(tx.Begin());
      for (PreparedRow& row : pending) {
        if (options.before_row) options.before_row(row.record.row);
        CP_TRY(ProcessRow(b, row));
        ++rows;
      }
      CP_TRY(b.uins.Settle());
      if (ahead_work.ready) preparer_.Share(ahead_work);
      CP_TRY(next.get());
      following = std::move(ahead_work.rows);
      // Kept only when every row of the next batch could be searched: a
      // batch with a row that could not is matched when it begins, in this
      // run or a resumed one, and fails there as it would.
      std::vector<std::int64_t> ids;
      for (const auto& [id, _] : b.touched) ids.push_back(id);
      Lookahead kept{{}, ids};
      bool complete = !following.empty();
      for (const PreparedRow& p : following) {
        complete = complete && p.searched.ok();
        kept.rows.push_back(p.ahead);
      }
      upload.lookahead = complete ? LookaheadText(kept) : "";
      upload.rows_done += rows;
      upload.rows_rejected += b.rejected;
      upload.rows_accepted += rows - b.rejected;
      upload.rows_linked += b.linked;
      upload.rows_created += b.created;
      upload.rows_review += b.review;
      CP_TRY(uploads.SaveProgress(upload));
      CP_TRY(ctx_.audit.AppendInTransaction(*conn, actor,
                                            {"import.batch", "ok", ids,
                                             AuditDetails({{"source_id", source.id},
                                                           {"upload_id", upload.id},
                                                           {"rows", rows},
                                                           {"linked", b.linked},
                                                           {"created", b.created},
                                                           {"review", b.review},
                                                           {"rejected", b.rejected}})}));
      return tx.Commit();
    }();
    if (next.valid()) next.wait();
    if (!done) {
      // Rolled back: the index forgets what the batch filed.
      index_.DropChanges();
      return done.error();
    }
    index_.ReleaseChanges();
    report.updated += b.updated;
    CP_TRY(apply_flags(b.to_shield));
    if (options.on_progress) options.on_progress(upload.rows_done, total);

    written = std::move(pending);
    pending = std::move(following);
    before = ChangedRecords{};
    if (!upload.lookahead.empty()) {
      now = next_now;
      for (const auto& [id, date_of_birth] : b.touched) before.Add(id, date_of_birth);
    } else if (!pending.empty()) {
      // Matched again, now, as a resumed run would match it.
      now = ctx_.clock.Now();
      for (PreparedRow& p : pending) p.Reset();
      preparer_.Prepare(pending, prepare_as(now, true), cores);
    }
  }
  // FEED-8 again for the whole upload: a run stopped between a batch and
  // its flags leaves none unapplied.
  {
    std::vector<core::ChildId> flagged;
    { CP_ASSIGN(flagged, uploads.ShieldFlagged(upload.id)); }
    CP_TRY(apply_flags(flagged));
  }
  CP_TRY(conn->SetDurableCommits(true));
  {
    store::Transaction tx(*conn, store::TxMode::kWrite);
    CP_TRY(tx.Begin());
    CP_TRY(uploads.FinishUpload(upload.id, "completed", ctx_.clock.Now()));
    CP_TRY(ctx_.audit.AppendInTransaction(*conn, actor,
                                          {"import.upload",
                                           "ok",
                                           {},
                                           AuditDetails({{"source_id", source.id},
                                                         {"upload_id", upload.id},
                                                         {"rows", upload.rows_done},
                                                         {"rejected", upload.rows_rejected},
                                                         {"linked", upload.rows_linked},
                                                         {"created", upload.rows_created},
                                                         {"review", upload.rows_review}})}));
    CP_TRY(tx.Commit());
  }
  report.accepted = upload.rows_accepted;
  report.rejected = upload.rows_rejected;
  report.linked = upload.rows_linked;
  report.created = upload.rows_created;
  report.review = upload.rows_review;
  return report;
}

}  // namespace cp::services
