#include <nlohmann/json.hpp>

#include <optional>
#include <ostream>
#include <random>

#include "ctl_command.hpp"
#include "demo_identities.hpp"
#include "kiosk/app/config_options.hpp"
#include "kiosk/store/consent_service.hpp"
#include "store_access.hpp"

namespace kiosk::ctl {
namespace {

using namespace kiosk::consent;

constexpr std::size_t kSyntheticClients = 16;
constexpr const char* kDemoAssociate = "demo-associate-01";

struct Target {
  store::StoreOptions store;
  std::optional<std::chrono::days> retention;
};

// --db is the demo mode (demo keys on a new database); --config uses what the config says, and
// an enrolled kiosk's keys only.
Expected<Target, std::string> resolve_target(const CommandLine& line) {
  if (line.option("--db").has_value() == line.option("--config").has_value()) {
    return fail(std::string("give exactly one of --db PATH or --config FILE"));
  }
  if (auto db = line.option("--db")) {
    Target target;
    target.store.database = *db;
    target.store.kiosk_id = "demo-kiosk";
    return target;
  }
  const std::filesystem::path file = *line.option("--config");
  auto config = load_kiosk_config(file);
  if (!config) return fail(config.error().message());
  return Target{store_options_for(*config, {}), std::chrono::days{config->retention_days}};
}

// One session as a client (sometimes with an associate) might run it at the kiosk.
struct DemoSession {
  Expected<ConsentRecord, RuleError> draft;
  std::optional<AgentIdentity> agent;
};

DemoSession choose_session(const ConsentModel& model, const CurrentConsent& current,
                           std::mt19937_64& random) {
  const auto roll = random() % 10;
  SessionContext session{random() % 2 ? Language::French : Language::English, Channel::TechTool, {}};
  if (roll >= 8) session.presence.associate_id = kDemoAssociate;
  if (roll == 6) return {record_withdrawal(model, current, session), std::nullopt};
  if (roll == 7) return {record_access_request(model, current, false, session), std::nullopt};
  if (roll == 9) {
    const auto document = static_cast<AuthorityDocument>(random() % 4);
    // Appended rather than "A" + …: GCC 12 at -O3 misreads that concatenation (-Wrestrict).
    std::string agent_id = "A";
    agent_id += std::to_string(random() % 100000000);
    return {record_agent_designation(model, current, {document, true, kDemoAssociate}, session),
            AgentIdentity{"AGENT", "DEMO", "ON", std::move(agent_id)}};
  }
  std::vector<ItemDecision> changes;
  for (const auto& item : model.items()) {
    if (!item.client_may_refuse() || (item.requires_associate && !session.presence.assisted())) continue;
    if (item.id == "share-authorized-agent" && !current.agent) continue;  // designated, not ticked
    changes.push_back({item.id, random() % 2 ? Decision::Granted : Decision::Refused});
  }
  return {record_choices(model, current, changes, session), std::nullopt};
}

}  // namespace

ExitCode run_demo_load(CtlContext& context, const std::vector<std::string>& args) {
  auto line = CommandLine::parse(args, {"--db", "--config", "--count", "--payloads", "--seed"}, {});
  if (!line) return print_error(context, ExitCode::BadInput, "usage", line.error().message);
  auto target = resolve_target(*line);
  if (!target) return print_error(context, ExitCode::BadInput, "usage", target.error());
  std::uint64_t count = 0;
  std::uint64_t seed = 1;
  try {
    count = std::stoull(line->option("--count").value_or(""));
    if (auto text = line->option("--seed")) seed = std::stoull(*text);
  } catch (const std::logic_error&) {
    return print_error(context, ExitCode::BadInput, "usage",
                       "--count N (and --seed S) must be whole numbers");
  }

  auto identities = line->option("--payloads")
                        ? payload_identities(*line->option("--payloads"), context.clock.today())
                        : synthetic_identities(seed, kSyntheticClients);
  if (!identities) return print_error(context, ExitCode::BadInput, "payloads", identities.error());

  const ConsentModel& model = embedded_consent_model();
  auto service = store::ConsentService::open(target->store, model, context.clock, context.logger);
  if (!service) return print_store_error(context, service.error());
  if (target->retention) {
    if (auto pruned = service->prune(*target->retention); !pruned)
      return print_store_error(context, pruned.error());
  }

  // The slow client hash is paid once per person, as at the kiosk where it is paid at the scan.
  std::vector<std::optional<store::ClientHandle>> clients(identities->size());
  std::mt19937_64 random(seed ^ static_cast<std::uint64_t>(context.clock.now().time_since_epoch().count()));
  for (std::uint64_t i = 0; i < count; ++i) {
    auto& client = clients[i % clients.size()];
    if (!client) {
      auto identified = service->identify((*identities)[i % clients.size()]);
      if (!identified) return print_store_error(context, identified.error());
      client = std::move(*identified);
    }
    auto current = service->current(*client);
    if (!current) return print_store_error(context, current.error());
    auto session = choose_session(model, *current, random);
    if (!session.draft) {
      return print_error(context, ExitCode::InternalError, to_string(session.draft.error().code),
                         session.draft.error().message().en);
    }
    auto committed = service->commit(*client, std::move(*session.draft), session.agent);
    if (!committed) return print_store_error(context, committed.error());
    context.out << "committed " << *committed << std::endl;  // flushed: the id is durable now
  }
  print_json(context, {{"ok", true},
                       {"committed", count},
                       {"database", target->store.database.string()},
                       {"policy_version", model.version()}});
  return ExitCode::Ok;
}

}  // namespace kiosk::ctl
