// contactpoint source add|accredit|withdraw|activate|suspend|terminate|credential|list
//
// The data source register (FEED-1, FEED-2): bodies required or permitted
// to supply ContactPoint (G C22/C23), their accreditation and their data
// supply agreement. The operator acts with the central team's rights; every
// act is audited on the "cli" route.

#include <algorithm>
#include <functional>
#include <iostream>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/runtime.h"
#include "services/source_register.h"

namespace cp::cli {
namespace {

using core::DataSource;

struct Options {
  RuntimeOptions runtime;
  std::string name;
  std::string type;
  std::string la_code;
  int reliability_rank = core::kDefaultReliabilityRank;
  core::DataSourceId id = 0;
};

int Fail(const Error& e) {
  std::cerr << "error: " << e.message << (e.field.empty() ? "" : " (" + e.field + ")") << "\n";
  return 1;
}

std::string TypeNames() {
  std::string names;
  for (core::SourceBodyType t : core::kAllSourceBodyTypes) {
    if (!names.empty()) names += ", ";
    names += core::SourceBodyTypeName(t);
  }
  return names;
}

std::string Day(const std::optional<Timestamp>& t) {
  return t ? Date::FromTimestamp(*t).ToIso() : "-";
}

std::string AreaOf(const DataSource& s) { return s.IsNational() ? "national" : s.la_code; }

// "accredited, agreement active" and the like.
std::string StandingOf(const DataSource& s) {
  return std::string(core::AccreditationStatusName(s.accreditation)) + ", agreement " +
         std::string(core::AgreementStatusName(s.agreement));
}

void PrintTable(const std::vector<DataSource>& sources) {
  std::vector<std::vector<std::string>> rows = {
      {"id", "name", "kind", "type", "area", "accreditation", "agreement", "rank", "credential"}};
  for (const DataSource& s : sources) {
    rows.push_back({std::to_string(s.id), s.name, std::string(core::SupplierKindName(s.kind)),
                    std::string(core::SourceBodyTypeName(s.body_type)), AreaOf(s),
                    std::string(core::AccreditationStatusName(s.accreditation)),
                    std::string(core::AgreementStatusName(s.agreement)),
                    std::to_string(s.reliability_rank), Day(s.credential_issued_at)});
  }
  std::vector<std::size_t> width(rows[0].size(), 0);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) width[i] = std::max(width[i], row[i].size());
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) line += std::string(width[i] - row[i].size() + 2, ' ');
    }
    std::cout << line << "\n";
  }
}

// Opens the runtime and runs `fn` on the register.
int WithRegister(const Options& o, const std::function<Status(services::SourceRegister&)>& fn) {
  auto rt = OpenRuntime(o.runtime);
  if (!rt) return Fail(rt.error());
  services::SourceRegister sources(*(*rt)->ctx);
  if (Status s = fn(sources); !s) return Fail(s.error());
  return 0;
}

int Add(const Options& o) {
  auto type = core::SourceBodyTypeFromName(o.type);
  if (!type)
    return Fail(Error::Invalid("type", "Unknown type " + o.type + "; one of " + TypeNames()));
  services::NewDataSource n{o.name, *type, o.la_code, o.reliability_rank};
  return WithRegister(o, [&](services::SourceRegister& r) -> Status {
    CP_ASSIGN(DataSource s, r.Register(OperatorActor(), n));
    std::cout << "Registered data source " << s.id << ": " << s.name << " ("
              << core::SupplierKindName(s.kind)
              << " to supply: " << core::SourceBodyTypeTitle(s.body_type) << ", " << AreaOf(s)
              << "; " << StandingOf(s) << ")\n";
    return Ok();
  });
}

using Transition = Result<DataSource> (services::SourceRegister::*)(const services::Actor&,
                                                                    core::DataSourceId);

int Move(const Options& o, Transition transition) {
  return WithRegister(o, [&](services::SourceRegister& r) -> Status {
    CP_ASSIGN(DataSource s, (r.*transition)(OperatorActor(), o.id));
    std::cout << "Data source " << s.id << ": " << StandingOf(s) << "\n";
    return Ok();
  });
}

int Credential(const Options& o) {
  return WithRegister(o, [&](services::SourceRegister& r) -> Status {
    CP_ASSIGN(std::string credential, r.IssueCredential(OperatorActor(), o.id));
    std::cout << "Credential for data source " << o.id
              << " (shown once; any earlier credential no longer works):\n"
              << credential << "\n";
    return Ok();
  });
}

int List(const Options& o) {
  return WithRegister(o, [&](services::SourceRegister& r) -> Status {
    CP_ASSIGN(auto sources, r.List(OperatorActor()));
    PrintTable(sources);
    return Ok();
  });
}

void AddCommon(CLI::App* cmd, Options& o) {
  cmd->add_option("--db", o.runtime.db_url, "Database URL")->capture_default_str();
  cmd->add_option("--keys", o.runtime.keys_dir, "Directory of the service's keys")
      ->capture_default_str();
}

void Setup(CLI::App& app) {
  auto o = std::make_shared<Options>();
  auto* source = app.add_subcommand(
      "source", "Register data sources, their accreditation and data supply agreements");
  source->require_subcommand(1);

  auto* add = source->add_subcommand(
      "add", "Register a body required or permitted to supply data (G C22/C23)");
  AddCommon(add, *o);
  add->add_option("name", o->name, "The source's name, unique")->required();
  add->add_option("--type", o->type, "What body it is: " + TypeNames())->required();
  add->add_option("--la", o->la_code,
                  "ONS code of the local authority that manages it; omit for a national source");
  add->add_option("--reliability", o->reliability_rank,
                  "Reliability rank for the best view, 1 (most reliable) to 99")
      ->capture_default_str();
  add->callback([o] { Exit(Add(*o)); });

  struct Step {
    const char* verb;
    const char* help;
    Transition transition;
  };
  const Step steps[] = {
      {"accredit", "Accredit a source (G 4.46)", &services::SourceRegister::Accredit},
      {"withdraw", "Withdraw a source's accreditation", &services::SourceRegister::Withdraw},
      {"activate", "Activate (or resume) the data supply agreement of an accredited source",
       &services::SourceRegister::Activate},
      {"suspend", "Suspend an active data supply agreement (G 4.49)",
       &services::SourceRegister::Suspend},
      {"terminate", "Terminate the data supply agreement, for good (G 4.49)",
       &services::SourceRegister::Terminate},
  };
  for (const Step& step : steps) {
    auto* sub = source->add_subcommand(step.verb, step.help);
    AddCommon(sub, *o);
    sub->add_option("id", o->id, "The source's id (see: contactpoint source list)")->required();
    const Transition transition = step.transition;
    sub->callback([o, transition] { Exit(Move(*o, transition)); });
  }

  auto* credential = source->add_subcommand(
      "credential", "Issue a new upload credential, shown once; the earlier one stops working");
  AddCommon(credential, *o);
  credential->add_option("id", o->id, "The source's id (see: contactpoint source list)")
      ->required();
  credential->callback([o] { Exit(Credential(*o)); });

  auto* list = source->add_subcommand("list", "List the registered data sources");
  AddCommon(list, *o);
  list->callback([o] { Exit(List(*o)); });
}

const CommandRegistration kRegistered(Setup);

}  // namespace
}  // namespace cp::cli
