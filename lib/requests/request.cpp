#include "requests/request.h"

#include <charconv>
#include <fmt/format.h>

#include "core/text.h"

namespace ghd {

const std::vector<Term> kCategories = {
    {"pests", "Nuisibles"},          {"neighbour-dispute", "Conflit de voisinage"},
    {"fibre", "Raccordement fibre"}, {"cleaning", "Propreté"},
    {"technical", "Demande technique"}, {"other", "Autre"},
};

const std::vector<Term> kChannels = {
    {"web", "Agence virtuelle"}, {"phone", "Téléphone"}, {"email", "Courriel"},
    {"mail", "Courrier"},        {"counter", "Accueil"},
    // Opened by ghd itself from what the connected dwellings' devices show.
    {"telemetry", "Télésurveillance"},
};

const std::vector<Term> kServices = {
    {"astreinte", "Astreinte technique 24/7"},
    {"chauffage", "Chauffage et eau chaude"},
    {"plomberie", "Plomberie"},
    {"electricite", "Électricité"},
    {"ascenseur", "Ascenseurs"},
    {"menuiserie-serrurerie", "Menuiserie et serrurerie"},
    {"interphone", "Interphonie et contrôle d'accès"},
    {"hygiene", "Hygiène et nuisibles"},
    {"gestion-proximite", "Gestion de proximité"},
    {"proprete", "Propreté"},
    {"fibre", "Numérique et opérateurs"},
    {"accueil", "Accueil"},
};

const std::vector<Term> kPriorities = {
    {"P1", "Urgence"}, {"P2", "Urgent"}, {"P3", "Normal"}, {"P4", "Faible"},
};

const std::vector<Term> kStatuses = {
    {"new", "Nouvelle"},          {"triaged", "Triée"},      {"forwarded", "Transmise"},
    {"in-progress", "En cours"},  {"resolved", "Résolue"},   {"closed", "Clôturée"},
    {"rejected", "Rejetée"},      {"cancelled", "Annulée"},  {"duplicate", "Doublon"},
};

bool is_term(const std::vector<Term>& terms, std::string_view id) {
  for (const auto& t : terms)
    if (t.id == id) return true;
  return false;
}

const Term* find_term(const std::vector<Term>& terms, std::string_view s) {
  for (const auto& t : terms)
    if (t.id == s) return &t;
  const std::string folded = fold(trim(s));
  for (const auto& t : terms)
    if (fold(t.label_fr) == folded || fold(t.id) == folded) return &t;
  return nullptr;
}

std::string_view label_fr(const std::vector<Term>& terms, std::string_view id) {
  for (const auto& t : terms)
    if (t.id == id) return t.label_fr;
  return id;
}

std::string term_ids(const std::vector<Term>& terms) {
  std::string out;
  for (const auto& t : terms) {
    if (!out.empty()) out += ", ";
    out += t.id;
  }
  return out;
}

std::string format_ref(long long id) { return fmt::format("R{:06}", id); }

std::optional<long long> parse_ref(std::string_view s) {
  if (s.size() < 2 || (s[0] != 'R' && s[0] != 'r')) return std::nullopt;
  long long id = 0;
  auto [p, ec] = std::from_chars(s.data() + 1, s.data() + s.size(), id);
  if (ec != std::errc() || p != s.data() + s.size() || id <= 0) return std::nullopt;
  return id;
}

std::string normalise_phone(std::string_view s) {
  std::string digits;
  bool plus = false;
  for (char c : trim(s)) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c == '+' && digits.empty()) plus = true;
    else if (c != ' ' && c != '.' && c != '-' && c != '(' && c != ')') return std::string(trim(s));
  }
  if (!plus && digits.size() == 10 && digits[0] == '0') return "+33" + digits.substr(1);
  if (!plus && digits.size() == 13 && digits.rfind("0033", 0) == 0) return "+33" + digits.substr(4);
  if (plus && digits.size() == 11 && digits.rfind("33", 0) == 0) return "+" + digits;
  // "+33 (0)6 ..." writes a trunk zero that is not dialled from abroad.
  if (plus && digits.size() == 12 && digits.rfind("330", 0) == 0) return "+33" + digits.substr(3);
  return std::string(trim(s));
}

Status validate(const Request& r) {
  if (!is_term(kCategories, r.category))
    return Status::DataError(fmt::format("unknown category '{}' (expected one of: {})", r.category, term_ids(kCategories)));
  if (!is_term(kChannels, r.channel))
    return Status::DataError(fmt::format("unknown channel '{}' (expected one of: {})", r.channel, term_ids(kChannels)));
  if (!is_term(kStatuses, r.status))
    return Status::DataError(fmt::format("unknown status '{}'", r.status));
  if (!r.service.empty() && !is_term(kServices, r.service))
    return Status::DataError(fmt::format("unknown service '{}' (expected one of: {})", r.service, term_ids(kServices)));
  if (!r.priority.empty() && !is_term(kPriorities, r.priority))
    return Status::DataError(fmt::format("unknown priority '{}' (expected P1, P2, P3 or P4)", r.priority));
  if (trim(r.subject).empty() && trim(r.message).empty())
    return Status::DataError("a request needs a subject or a message");
  return Status::Ok();
}

}  // namespace ghd
