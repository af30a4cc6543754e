#!/usr/bin/env bash
# Installs the lexical resources src/lang/lexicon.rs reads: OpenThesaurus (German synsets,
# /usr/share/openthesaurus-de/openthesaurus.txt) and WordNet (English, /usr/share/wordnet).
# Without them factlint still runs (heads are compared by stem only) and the lexicon unit
# tests skip with a note. Idempotent; run by .ci/run before the tests.
set -euo pipefail
pkgs=(openthesaurus-de-text wordnet-base)
missing=()
for p in "${pkgs[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "lexicon.deps.sh: ${pkgs[*]} are installed"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "lexicon.deps.sh: apt-get not found; install ${missing[*]} yourself" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get install -y --no-install-recommends "${missing[@]}" || {
  $SUDO apt-get update
  $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
}
ls -l /usr/share/openthesaurus-de/openthesaurus.txt /usr/share/wordnet/data.noun
