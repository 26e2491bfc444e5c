// contactpoint link: deduplicates one CSV extract, or links two, and writes
// which records are the same person (G 4.51–4.52). What a data
// administrator runs to check a new source before it is connected.
//
//   contactpoint link --input FILE.csv [--input2 FILE2.csv] --id COLUMN
//                     [--map field=COLUMN,…] --out clusters.csv [--explain]
//
// Writes `id,cluster_id` (with a third column `file`, 1 or 2, when linking
// two files). --explain writes, beside the output as OUT.explain.txt, the
// estimated model and the field-by-field evidence of every matched pair; it
// quotes personal data, so treat it like the extracts themselves. A short
// summary without personal data goes to stderr. The matching is
// src/match/linker.h; this file only reads options and writes files.

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli/command.h"
#include "match/csv.h"
#include "match/linker.h"
#include "match/nicknames.h"
#include "match/record_file.h"
#include "platform/clock.h"

namespace cp::cli {
namespace {

std::string SharedDataDir() {
  if (const char* env = std::getenv("CP_SHARED_DATA_DIR"); env != nullptr && *env != '\0') {
    return env;
  }
  return std::string(CP_DEFAULT_DATA_DIR) + "/../../shared/data";
}

struct Options {
  std::string input;
  std::string input2;
  std::string id;
  std::string map;
  std::string out;
  bool explain = false;
  std::string nicknames = SharedDataDir() + "/names/nicknames.csv";
  std::string diminutives = std::string(CP_DEFAULT_DATA_DIR) + "/names/diminutives_england.csv";
  double threshold = 0.5;
  unsigned threads = 2;
  std::string stats_json;
  std::string candidates_out;
};

int Fail(const std::string& message) {
  std::cerr << "link: " << message << "\n";
  return 1;
}

const std::string& IdOf(const match::RecordFile& a, const match::RecordFile* b, std::uint32_t i) {
  if (b == nullptr || i < a.ids.size()) return a.ids[i];
  return b->ids[i - a.ids.size()];
}

bool WriteClusters(const Options& o, const match::Linkage& run, const match::RecordFile& a,
                   const match::RecordFile* b) {
  std::ofstream out(o.out);
  if (!out) return false;
  out << "id,cluster_id" << (b != nullptr ? ",file" : "") << "\n";
  const auto& cluster = run.cluster_of();
  for (std::uint32_t i = 0; i < cluster.size(); ++i) {
    out << match::CsvField(IdOf(a, b, i)) << ',' << cluster[i];
    if (b != nullptr) out << ',' << (i < a.ids.size() ? 1 : 2);
    out << '\n';
  }
  return static_cast<bool>(out);
}

bool WriteExplanations(const std::string& path, const match::Linkage& run,
                       const match::RecordFile& a, const match::RecordFile* b) {
  std::ofstream out(path);
  if (!out) return false;
  out << "# Model estimated from the data\n" << run.model().Describe() << "\n";
  for (const auto& s : run.sessions()) {
    out << "# estimation session " << match::BlockingRuleName(s.rule) << ": " << s.pairs
        << " pairs, " << s.iterations << " iterations, match share " << s.match_share << "\n";
  }
  out << "\n# Matched pairs, strongest first\n";
  for (const auto& m : run.matches()) {
    out << IdOf(a, b, m.a) << " ~ " << IdOf(a, b, m.b) << "\n"
        << match::RenderExplanation(run.ExplainPair(m.a, m.b)) << "\n";
  }
  return static_cast<bool>(out);
}

bool WriteCandidates(const std::string& path, const match::Linkage& run, const match::RecordFile& a,
                     const match::RecordFile* b) {
  std::ofstream out(path);
  if (!out) return false;
  out << "id_a,id_b\n";
  for (const auto& c : run.candidates()) {
    out << match::CsvField(IdOf(a, b, c.a)) << ',' << match::CsvField(IdOf(a, b, c.b)) << '\n';
  }
  return static_cast<bool>(out);
}

bool WriteStatsJson(const std::string& path, const match::LinkStats& s) {
  std::FILE* f = std::fopen(path.c_str(), "w");
  if (f == nullptr) return false;
  std::fprintf(f,
               "{\"records\":%zu,\"candidate_pairs\":%zu,\"matched_pairs\":%zu,\"clusters\":%zu,"
               "\"pairs_over_threshold\":%zu,\"pairs_guarded\":%zu,\"merges_refused\":%zu,"
               "\"prior\":%.6g,\"scoring_seconds\":%.6f,\"pairs_per_s\":%.0f,\"seconds\":%.4f}\n",
               s.records, s.candidate_pairs, s.matched_pairs, s.clusters, s.pairs_over_threshold,
               s.pairs_guarded, s.merges_refused, s.prior, s.seconds_scoring, s.pairs_per_second,
               s.seconds_total);
  return std::fclose(f) == 0;
}

int Run(const Options& o) {
  match::NicknameTable nicknames;
  for (const std::string& path : {o.nicknames, o.diminutives}) {
    if (path.empty()) continue;
    if (auto loaded = nicknames.LoadCsv(path); !loaded) return Fail(loaded.error().message);
  }
  auto first = match::ReadRecordFile(o.input, o.id, o.map);
  if (!first) return Fail(first.error().message);
  std::unique_ptr<match::RecordFile> second;
  if (!o.input2.empty()) {
    auto read = match::ReadRecordFile(o.input2, o.id, o.map);
    if (!read) return Fail(read.error().message);
    second = std::make_unique<match::RecordFile>(std::move(*read));
  }
  std::cerr << "link: fields";
  for (const auto& [field, column] : first->map.columns) {
    std::cerr << ' ' << match::InputFieldName(field);
  }
  std::cerr << "\n";

  match::LinkOptions options;
  options.match_probability = o.threshold;
  options.threads = o.threads;
  options.keep_candidates = !o.candidates_out.empty();
  options.clock = &SystemClock::Instance();
  auto run = second ? match::Linkage::Link(first->records, second->records, &nicknames, options)
                    : match::Linkage::Dedupe(first->records, &nicknames, options);
  if (!run) return Fail(run.error().message);

  if (!WriteClusters(o, *run, *first, second.get())) return Fail("cannot write " + o.out);
  if (o.explain) {
    const std::string path = o.out + ".explain.txt";
    if (!WriteExplanations(path, *run, *first, second.get())) return Fail("cannot write " + path);
    std::cerr << "link: explanations in " << path << "\n";
  }
  if (!o.candidates_out.empty() && !WriteCandidates(o.candidates_out, *run, *first, second.get())) {
    return Fail("cannot write " + o.candidates_out);
  }
  const match::LinkStats& s = run->stats();
  if (!o.stats_json.empty() && !WriteStatsJson(o.stats_json, s)) {
    return Fail("cannot write " + o.stats_json);
  }
  const std::size_t bad_dates = first->unreadable_dates + (second ? second->unreadable_dates : 0);
  std::fprintf(stderr,
               "link: %zu records, %zu candidate pairs (%.0f pairs/s scored), %zu matched pairs, "
               "%zu clusters, %zu unreadable dates of birth, %.2f s\n",
               s.records, s.candidate_pairs, s.pairs_per_second, s.matched_pairs, s.clusters,
               bad_dates, s.seconds_total);
  return 0;
}

void Setup(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* cmd = app.add_subcommand(
      "link", "Find the records of one CSV file that are the same person, or link two files");
  cmd->add_option("--input", o->input, "CSV file of records")->required();
  cmd->add_option("--input2", o->input2, "Second CSV file: link it to the first (one-to-one)");
  cmd->add_option("--id", o->id, "Column holding each record's id")->required();
  cmd->add_option("--map", o->map,
                  "field=COLUMN,… with fields first_name, middle_name, surname, full_name, "
                  "previous_surname, dob, gender, postcode, street_number, address_1, address_2, "
                  "town, identifier, email, phone, school, gp_practice, carer_name; unmapped "
                  "fields are guessed from the header");
  cmd->add_option("--out", o->out, "Output CSV: id,cluster_id")->required();
  cmd->add_flag("--explain", o->explain,
                "Also write OUT.explain.txt: the model and the evidence for every matched pair");
  cmd->add_option("--nicknames", o->nicknames, "Nickname CSV (name1,relationship,name2)")
      ->capture_default_str();
  cmd->add_option("--diminutives", o->diminutives, "The project's diminutives CSV")
      ->capture_default_str();
  cmd->add_option("--threshold", o->threshold, "Match probability at which a pair matches")
      ->capture_default_str();
  cmd->add_option("--threads", o->threads, "Threads for comparison")->capture_default_str();
  cmd->add_option("--stats-json", o->stats_json, "Write figures of the run as JSON to this file");
  cmd->add_option("--candidates-out", o->candidates_out,
                  "Write every candidate pair (id_a,id_b) to this file");
  cmd->callback([o] { Exit(Run(*o)); });
}

const CommandRegistration kRegistered(Setup);

}  // namespace
}  // namespace cp::cli
