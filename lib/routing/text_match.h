// How rules read tenants' text: folded (case, accents, ligatures,
// typographic apostrophes), cut into words, common SMS spellings expanded,
// and letters typed three times or more squeezed ("gazzz", "urgeeent" ->
// "gaz", "urgent"). Patterns go through the same steps, so a rule written in good
// French matches the way tenants type.
#pragma once

#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace ghd {

std::vector<std::string> match_tokens(std::string_view text);

// A text ready to be matched many times.
struct MatchText {
  std::vector<std::string> tokens;
  std::unordered_set<std::string> token_set;
  std::string joined;  // tokens joined by single spaces, for regular expressions
  explicit MatchText(std::string_view text);
  MatchText() = default;
};

// A phrase is a sequence of tokens; a token ending in '*' matches any token
// starting with what precedes the star ("fuit*": fuite, fuites, fuient).
struct Phrase {
  std::vector<std::string> tokens;
  std::string source;  // as written in the rules, for messages
};
Phrase make_phrase(std::string_view text);
bool token_matches(const std::string& pattern, const std::string& token);
// Where the phrase occurs in the text, or -1.
long find_phrase(const Phrase& phrase, const MatchText& text);
// Whether every occurrence of `inner` is also one of `outer` (outer is a
// contiguous part of inner), so that matching inner implies matching outer.
bool phrase_implies(const Phrase& inner, const Phrase& outer);

}  // namespace ghd
