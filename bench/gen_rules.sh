#!/usr/bin/env bash
# Writes a rule set of about N rules: the sample set, with generated rules
# inserted after its emergencies so that every request is tried against them
# (they are written not to match, as most rules of a large set do not).
#   bench/gen_rules.sh N < samples/rules.yaml > rules-N.yaml
set -euo pipefail
n=${1:-300}
awk -v n="$n" '
  BEGIN { inserted = 0 }
  /^  - name: vulnerable-tenant/ && !inserted {
    sample = 21
    for (i = 1; i <= n - sample; i++) {
      printf "  - name: generated-%d\n", i
      if (i % 3 == 0) {
        printf "    when:\n      all:\n        - category: [technical, other]\n"
        printf "        - text: {words: [motcle%da, motcle%db*], phrases: [\"panne du systeme %d\"]}\n", i, i, i
      } else if (i % 3 == 1) {
        printf "    when:\n      text: {phrases: [\"equipement numero %d en panne\", \"reference %d hors service\", \"boitier %d\"]}\n", i, i, i
      } else {
        printf "    when: {building: [XX-B%d], text: [\"vanne %d\"]}\n", i, i
      }
      printf "    then: {service: accueil, tags: [generated]}\n\n"
    }
    inserted = 1
  }
  { print }
'
