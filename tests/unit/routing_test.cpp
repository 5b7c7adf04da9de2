#include <catch2/catch.hpp>

#include <fstream>

#include "core/text.h"
#include "helpers.h"
#include "routing/router.h"

using namespace ghd;
using ghd::test::slurp;

namespace {

const Config& config() {
  static const Config c = *parse_config("", "");
  return c;
}

RuleSet rules_from(const std::string& yaml) {
  auto r = parse_rules(yaml, "rules.yaml", config());
  if (!r.ok()) FAIL(r.status().message());
  return *r;
}

Request request(const std::string& category, const std::string& subject, const std::string& message,
                const char* when = "2026-11-30T10:00:00+01:00") {
  Request r;
  r.category = category;
  r.channel = "web";
  r.subject = subject;
  r.message = message;
  r.received_at = *parse_instant(when);
  return r;
}

std::string samples_rules() { return std::string(GHD_SOURCE_DIR) + "/samples/rules.yaml"; }

}  // namespace

TEST_CASE("text is matched the way tenants type") {
  CHECK(match_tokens("Ça sent le GAZ dans l’entrée !!!") ==
        std::vector<std::string>{"ca", "sent", "le", "gaz", "dans", "l", "entree"});
  CHECK(match_tokens("sa sent le gazzz") == std::vector<std::string>{"ca", "sent", "le", "gaz"});
  CHECK(match_tokens("pb asc urgeeent") == std::vector<std::string>{"probleme", "ascenseur", "urgent"});
  CHECK(match_tokens("fumée") != match_tokens("fume"));
  Vocabulary words;
  Phrase fuit = make_phrase("douche fuit"), star = make_phrase("fuit*"), coule = make_phrase("douche coule");
  for (Phrase* p : {&fuit, &star, &coule}) number_phrase(*p, words);
  const MatchText t("Le mitigeur de la douche fuit", words);
  CHECK(find_phrase(fuit, t) == 4);
  CHECK(find_phrase(star, t) == 5);
  CHECK(find_phrase(coule, t) == -1);
}

TEST_CASE("rules: conditions, actions, stop and continue") {
  const RuleSet set = rules_from(R"(
rules:
  - name: fragile
    when: {tenant: elderly}
    then: {raise_priority: 1, tags: [fragile], continue: true}
  - name: gas
    when: {text: ["odeur de gaz"]}
    then: {service: astreinte, priority: P1, sla: {hours: 2, calendar: 24x7}}
  - name: night-lift
    when:
      all:
        - category: technical
        - text: {words: [ascenseur*]}
        - received: night
    then: {service: ascenseur, tags: [nuit]}
  - name: lift
    when: {text: {words: [ascenseur*], in: subject}}
    then: {service: ascenseur}
  - name: not-technical
    when: {not: {category: [technical, other]}}
    then: {service: gestion-proximite, priority: P4}
)");
  auto router = Router::make(set, config());
  REQUIRE(router.ok());
  TenantFacts nobody, elderly{true, false};

  auto d = router->route(request("pests", "Urgent", "Forte ODEUR de gaz"), nobody);
  CHECK(d.service == "astreinte");
  CHECK(d.priority == "P1");
  CHECK(d.fired == std::vector<std::string>{"gas"});
  CHECK(format_iso(d.due_at) == "2026-11-30T12:00:00+01:00");

  d = router->route(request("technical", "Ascenseur", "en panne", "2026-11-30T23:00:00+01:00"), elderly);
  CHECK(d.fired == std::vector<std::string>{"fragile", "night-lift"});
  CHECK(d.service == "ascenseur");
  CHECK(d.priority == "P2");  // P3 raised by one step
  CHECK(d.tags == std::vector<std::string>{"fragile", "nuit"});

  d = router->route(request("technical", "Panne", "l'ascenseur est en panne"), nobody);
  CHECK(d.fallback);  // 'lift' only reads the subject
  CHECK(d.service == "accueil");
  CHECK(d.tags == std::vector<std::string>{"unrouted"});
  CHECK(d.priority == "P3");
  CHECK(format_iso(d.due_at) == "2026-12-07T17:00:00+01:00");  // 5 business days

  d = router->route(request("cleaning", "Hall", "sale"), nobody);
  CHECK(d.service == "gestion-proximite");
  CHECK(d.priority == "P4");
}

TEST_CASE("explain shows every rule, what each condition saw, and the first failure") {
  const RuleSet set = rules_from(R"(
rules:
  - name: lift
    when: {category: technical, text: [ascenseur]}
    then: {service: ascenseur}
  - name: rest
    then: {service: accueil}
)");
  auto router = Router::make(set, config());
  const auto d = router->route(request("pests", "Cafards", "dans la cuisine"), {}, true);
  REQUIRE(d.trace.size() == 2);
  CHECK_FALSE(d.trace[0].matched);
  CHECK(d.trace[0].first_failure == "category in [technical] (saw pests)");
  REQUIRE(d.trace[0].conditions.size() == 2);  // all, then its failing child; the text is never reached
  CHECK(d.trace[1].matched);
  CHECK(d.trace[1].decision == "stop");
}

TEST_CASE("rule files are checked with line and column") {
  auto check = [](const std::string& yaml) { return parse_rules(yaml, "r.yaml", config()).status().message(); };
  CHECK_THAT(check("rules:\n  - name: a\n    then: {service: plumbing}\n"),
             Catch::StartsWith("r.yaml:3:21: unknown service 'plumbing'"));
  CHECK_THAT(check("rules:\n  - name: a\n    when: {colour: red}\n    then: {service: accueil}\n"),
             Catch::StartsWith("r.yaml:3:12: unknown key 'colour' in 'when'"));
  CHECK_THAT(check("rules:\n  - name: a\n    when: {text: {regex: \"(unclosed\"}}\n    then: {service: accueil}\n"),
             Catch::StartsWith("r.yaml:3:26: bad regular expression '(unclosed'"));
  CHECK_THAT(check("rules:\n  - name: a\n    then: {sla: {days: 2, calendar: weekends}}\n"),
             Catch::Contains("unknown calendar 'weekends'"));
  CHECK_THAT(check("rules:\n  - name: a\n    then: {}\n  - name: a\n    then: {}\n"),
             Catch::StartsWith("r.yaml:4:11: a rule named 'a' already exists"));
  CHECK_THAT(check("rules:\n  - name: a\n    when: {category: plumbing}\n    then: {}\n"),
             Catch::StartsWith("r.yaml:3:22: unknown category 'plumbing'"));
}

TEST_CASE("check finds unreachable rules and what no rule covers") {
  const RuleSet set = rules_from(R"(
rules:
  - name: lift
    when: {text: [ascenseur]}
    then: {service: ascenseur}
  - name: lift-stuck
    when: {text: ["ascenseur bloque"], category: technical}
    then: {service: astreinte}
  - name: pests
    when: {category: [pests, cleaning]}
    then: {service: hygiene}
  - name: cafards
    when: {category: pests}
    then: {service: hygiene}
)");
  const auto problems = check_rules(set, config(), *parse_instant("2026-11-30"));
  std::vector<std::string> errors, warnings;
  for (const auto& p : problems)
    (p.severity == RuleProblem::Severity::error ? errors : warnings).push_back(p.message);
  REQUIRE(errors.size() == 2);
  CHECK_THAT(errors[0], Catch::StartsWith("rule 'lift-stuck' is unreachable: rule 'lift' (line 3)"));
  CHECK_THAT(errors[1], Catch::StartsWith("rule 'cafards' is unreachable: rule 'pests'"));
  // 'lift' takes any category: none is left to the fallback alone.
  CHECK_FALSE(std::any_of(warnings.begin(), warnings.end(),
                          [](const std::string& w) { return w.rfind("category", 0) == 0; }));
  const RuleSet narrow = rules_from("rules:\n  - name: p\n    when: {category: [pests]}\n    then: {service: hygiene}\n");
  const auto narrow_problems = check_rules(narrow, config(), *parse_instant("2026-11-30"));
  CHECK(std::any_of(narrow_problems.begin(), narrow_problems.end(),
                    [](const RuleProblem& p) { return p.message.rfind("category 'fibre'", 0) == 0; }));
  CHECK(std::any_of(warnings.begin(), warnings.end(),
                    [](const std::string& w) { return w == "service 'plomberie' is reached by no rule"; }));
}

TEST_CASE("the sample rules route every example of the domain reference") {
  auto set = load_rules(samples_rules(), config());
  REQUIRE(set.ok());
  auto router = Router::make(*set, config());
  REQUIRE(router.ok());
  std::ifstream in(std::string(GHD_TEST_DATA) + "/tenant-messages.tsv");
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto f = split(line, '\t');
    REQUIRE(f.size() == 5);
    const Term* category = find_term(kCategories, f[0]);
    REQUIRE(category);
    const auto d = router->route(request(std::string(category->id), f[1], f[2]), {});
    INFO(line);
    CHECK(d.service == f[3]);
    if (f[4] == "P1") CHECK(d.priority == "P1");
    else CHECK(d.priority != "P1");
    ++cases;
  }
  CHECK(cases >= 30);
}

TEST_CASE("every condition kind") {
  const RuleSet set = rules_from(R"(
rules:
  - name: channel
    when: {channel: counter}
    then: {tags: [counter], continue: true}
  - name: agency-building-dwelling
    when: {agency: "Agence Grésilles", building: GR-B01, dwelling: [GR-B01-0101, GR-B01-0102]}
    then: {tags: [place], continue: true}
  - name: weekend
    when: {received: weekend}
    then: {tags: [weekend], continue: true}
  - name: night
    when: {received: night}
    then: {tags: [night], continue: true}
  - name: outside-hours
    when: {received: outside-hours}
    then: {tags: [outside-hours], continue: true}
  - name: holiday
    when: {received: holiday}
    then: {tags: [holiday], continue: true}
  - name: regex
    when: {text: {regex: "\\bbat(iment)? [a-z]\\b"}}
    then: {tags: [regex], continue: true}
  - name: message-only
    when: {message: [urgent]}
    then: {tags: [message-urgent], continue: true}
  - name: after-tag
    when: {tag: night}
    then: {raise_priority: 3, continue: true}
  - name: raise-again
    when: {tag: night}
    then: {raise_priority: 3}
)");
  auto router = Router::make(set, config());
  REQUIRE(router.ok());
  auto tags_of = [&](Request r) { return router->route(r, {}).tags; };
  auto has = [](const std::vector<std::string>& v, const char* t) { return std::find(v.begin(), v.end(), t) != v.end(); };

  Request r = request("technical", "Urgent", "bâtiment C, rien", "2026-11-28T23:30:00+01:00");  // Saturday night
  r.channel = "counter";
  r.agency = "Agence Grésilles";
  r.building = "GR-B01";
  r.dwelling = "GR-B01-0102";
  auto tags = tags_of(r);
  for (const char* t : {"counter", "place", "weekend", "night", "outside-hours", "regex"}) CHECK(has(tags, t));
  CHECK_FALSE(has(tags, "holiday"));         // a weekend is not a holiday
  CHECK_FALSE(has(tags, "message-urgent"));  // "urgent" is in the subject only
  CHECK(router->route(r, {}).priority == "P1");  // raised twice by 3 steps: never past P1

  Request weekday = request("technical", "x", "le batiment b urgent", "2026-11-11T10:00:00+01:00");  // Armistice
  tags = tags_of(weekday);
  CHECK(has(tags, "holiday"));
  CHECK(has(tags, "regex"));
  CHECK(has(tags, "message-urgent"));
  CHECK(has(tags, "outside-hours"));
  CHECK_FALSE(has(tags, "weekend"));
  CHECK_FALSE(has(tags, "place"));
  Request office = request("technical", "x", "y", "2026-11-30T10:00:00+01:00");
  CHECK(tags_of(office) == std::vector<std::string>{"unrouted"});  // no rule chose a service
}

TEST_CASE("check warns when the declared closures end before next year") {
  const RuleSet set = rules_from("rules:\n  - name: all\n    then: {service: accueil}\n");
  auto with_closures = parse_config("calendar:\n  closures:\n    - {from: 2026-05-15, reason: Pont}\n", "ghd.yaml");
  REQUIRE(with_closures.ok());
  auto problems = check_rules(set, *with_closures, *parse_instant("2026-11-30"));
  CHECK(std::any_of(problems.begin(), problems.end(), [](const RuleProblem& p) {
    return p.message == "ghd.yaml: the declared closures end before 2027; declare next year's";
  }));
  problems = check_rules(set, *with_closures, *parse_instant("2025-11-30"));
  CHECK_FALSE(std::any_of(problems.begin(), problems.end(),
                          [](const RuleProblem& p) { return p.message.find("closures") != std::string::npos; }));
}
