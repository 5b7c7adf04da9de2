#include "routing/text_match.h"

#include <unordered_map>

#include "core/text.h"

namespace ghd {

namespace {

// Common SMS and shorthand spellings of tenants' messages, as folded words.
const std::unordered_map<std::string, std::vector<std::string>>& sms_spellings() {
  static const std::unordered_map<std::string, std::vector<std::string>> map = {
      {"slt", {"salut"}},          {"bjr", {"bonjour"}},        {"pb", {"probleme"}},
      {"pbm", {"probleme"}},       {"pbl", {"probleme"}},       {"prob", {"probleme"}},
      {"tjrs", {"toujours"}},      {"tjs", {"toujours"}},       {"bcp", {"beaucoup"}},
      {"qd", {"quand"}},           {"kan", {"quand"}},          {"pr", {"pour"}},
      {"ds", {"dans"}},            {"ac", {"avec"}},            {"avc", {"avec"}},
      {"vs", {"vous"}},            {"koi", {"quoi"}},           {"ke", {"que"}},
      {"ki", {"qui"}},             {"pk", {"pourquoi"}},        {"pq", {"pourquoi"}},
      {"dc", {"donc"}},            {"tt", {"tout"}},            {"ts", {"tous"}},
      {"pa", {"pas"}},             {"sa", {"ca"}},              {"c", {"c", "est"}},
      {"jai", {"j", "ai"}},        {"g", {"j", "ai"}},          {"ya", {"il", "y", "a"}},
      {"chui", {"je", "suis"}},    {"fo", {"faut"}},            {"appart", {"appartement"}},
      {"appt", {"appartement"}},   {"apt", {"appartement"}},    {"asc", {"ascenseur"}},
      {"rdc", {"rez", "de", "chaussee"}}, {"chauf", {"chauffage"}}, {"elec", {"electricite"}},
      {"urgt", {"urgent"}},        {"svp", {"s", "il", "vous", "plait"}}, {"stp", {"s", "il", "te", "plait"}},
      {"mr", {"monsieur"}},        {"mme", {"madame"}},         {"wc", {"wc"}},
  };
  return map;
}

bool is_word_byte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80 || c == '*'; }

// "urgeeeent", "gazzz" -> "urgent", "gaz": a letter typed three times or
// more counts once. Doubles stay: French spells them ("fumée" is not "fume").
std::string squeeze(const std::string& w) {
  std::string out;
  out.reserve(w.size());
  size_t i = 0;
  while (i < w.size()) {
    size_t j = i;
    while (j < w.size() && w[j] == w[i]) ++j;
    const bool letter = w[i] >= 'a' && w[i] <= 'z';
    out.append((letter && j - i >= 3) ? 1 : j - i, w[i]);
    i = j;
  }
  return out;
}

}  // namespace

std::vector<std::string> match_tokens(std::string_view text) {
  const std::string folded = fold(text);
  std::vector<std::string> out;
  size_t i = 0;
  while (i < folded.size()) {
    while (i < folded.size() && !is_word_byte(static_cast<unsigned char>(folded[i]))) ++i;
    size_t j = i;
    while (j < folded.size() && is_word_byte(static_cast<unsigned char>(folded[j]))) ++j;
    if (j > i) {
      const std::string word = folded.substr(i, j - i);
      auto it = sms_spellings().find(word);
      if (it != sms_spellings().end())
        for (const auto& w : it->second) out.push_back(squeeze(w));
      else
        out.push_back(squeeze(word));
    }
    i = j;
  }
  return out;
}

int Vocabulary::add(const std::string& word) { return ids_.emplace(word, int(ids_.size())).first->second; }

int Vocabulary::find(const std::string& word) const {
  auto it = ids_.find(word);
  return it == ids_.end() ? -1 : it->second;
}

MatchText::MatchText(std::string_view text, const Vocabulary& vocabulary)
    : tokens(match_tokens(text)), present(vocabulary.size(), 0) {
  ids.reserve(tokens.size());
  for (const auto& t : tokens) {
    const int id = vocabulary.find(t);
    ids.push_back(id);
    if (id >= 0) present[size_t(id)] = 1;
  }
  joined = join(tokens, " ");
}

Phrase make_phrase(std::string_view text) { return Phrase{match_tokens(text), {}, std::string(text)}; }

void number_phrase(Phrase& phrase, Vocabulary& vocabulary) {
  phrase.ids.clear();
  for (const auto& t : phrase.tokens) phrase.ids.push_back(t.back() == '*' ? -1 : vocabulary.add(t));
}

bool token_matches(const std::string& pattern, const std::string& token) {
  if (!pattern.empty() && pattern.back() == '*')
    return token.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
  return pattern == token;
}

long find_phrase(const Phrase& phrase, const MatchText& text) {
  const auto& p = phrase.tokens;
  if (p.empty() || phrase.ids.size() != p.size()) return -1;
  // Most phrases start with a plain word: absent from the text, no scan.
  if (phrase.ids[0] >= 0 && (size_t(phrase.ids[0]) >= text.present.size() || !text.present[size_t(phrase.ids[0])]))
    return -1;
  const auto& t = text.tokens;
  for (size_t i = 0; i + p.size() <= t.size(); ++i) {
    size_t k = 0;
    while (k < p.size() && (phrase.ids[k] >= 0 ? phrase.ids[k] == text.ids[i + k] : token_matches(p[k], t[i + k])))
      ++k;
    if (k == p.size()) return long(i);
  }
  return -1;
}

bool phrase_implies(const Phrase& inner, const Phrase& outer) {
  const auto& a = inner.tokens;
  const auto& b = outer.tokens;
  if (b.empty() || b.size() > a.size()) return false;
  for (size_t i = 0; i + b.size() <= a.size(); ++i) {
    size_t k = 0;
    // A pattern token of the inner phrase implies an outer one when every
    // token it matches, the outer matches too.
    while (k < b.size()) {
      const std::string& x = a[i + k];
      const std::string& y = b[k];
      const bool x_star = x.back() == '*', y_star = y.back() == '*';
      bool ok;
      if (!y_star) ok = !x_star && x == y;
      else ok = (x_star ? x.size() >= y.size() : true) && x.compare(0, y.size() - 1, y, 0, y.size() - 1) == 0;
      if (!ok) break;
      ++k;
    }
    if (k == b.size()) return true;
  }
  return false;
}

}  // namespace ghd
