// How rules read tenants' text: folded (case, accents, ligatures,
// typographic apostrophes), cut into words, common SMS spellings expanded,
// and letters typed three times or more squeezed ("gazzz", "urgeeent" ->
// "gaz", "urgent"). Patterns go through the same steps, so a rule written in good
// French matches the way tenants type.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ghd {

std::vector<std::string> match_tokens(std::string_view text);

// The words a rule set mentions, numbered, so that matching a text against
// hundreds of rules compares numbers, not strings.
class Vocabulary {
 public:
  int add(const std::string& word);
  int find(const std::string& word) const;  // -1 when absent
  size_t size() const { return ids_.size(); }

 private:
  std::unordered_map<std::string, int> ids_;
};

// A text ready to be matched many times.
struct MatchText {
  std::vector<std::string> tokens;
  std::vector<int> ids;        // each token's number in the vocabulary, or -1
  std::vector<char> present;   // by vocabulary number: the text has that word
  std::string joined;          // tokens joined by single spaces, for regular expressions
  MatchText(std::string_view text, const Vocabulary& vocabulary);
  MatchText() = default;
};

// A phrase is a sequence of tokens; a token ending in '*' matches any token
// starting with what precedes the star ("fuit*": fuite, fuites, fuient).
struct Phrase {
  std::vector<std::string> tokens;
  std::vector<int> ids;  // vocabulary numbers; -1 for a starred token
  std::string source;    // as written in the rules, for messages
};
void number_phrase(Phrase& phrase, Vocabulary& vocabulary);
Phrase make_phrase(std::string_view text);
bool token_matches(const std::string& pattern, const std::string& token);
// Where the phrase occurs in the text, or -1.
long find_phrase(const Phrase& phrase, const MatchText& text);
// Whether every occurrence of `inner` is also one of `outer` (outer is a
// contiguous part of inner), so that matching inner implies matching outer.
bool phrase_implies(const Phrase& inner, const Phrase& outer);

}  // namespace ghd
