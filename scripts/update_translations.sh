#!/usr/bin/env bash
# Refresh the translation catalogues from the source, then compile them for the app.
#
#   scripts/update_translations.sh          # every resources/translations/learner-wallet_*.ts
#   scripts/update_translations.sh fr       # also start a new catalogue for French
#
# pyside6-lupdate keeps existing translations, adds new strings as "unfinished" and drops the
# strings no longer in the source; translate the unfinished ones (Qt Linguist:
# pyside6-linguist FILE.ts, or any editor), then run this again: pyside6-lrelease compiles the
# finished ones to .qm, which the app loads at start (wallet/ui/i18n.py). Commit .ts and .qm.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -x .venv/bin/pyside6-lupdate ]; then bin=.venv/bin/; else bin=; fi
dir=resources/translations
mkdir -p "$dir"
for lang in "$@"; do
  [ -e "$dir/learner-wallet_$lang.ts" ] || printf '%s\n' \
    '<?xml version="1.0" encoding="utf-8"?>' '<!DOCTYPE TS>' \
    "<TS version=\"2.1\" language=\"$lang\"></TS>" > "$dir/learner-wallet_$lang.ts"
done
sources=$(ls wallet/ui/*.py | sort)
for ts in "$dir"/learner-wallet_*.ts; do
  # shellcheck disable=SC2086  # one argument per source file
  "${bin}pyside6-lupdate" $sources -no-obsolete -locations relative -ts "$ts"
  "${bin}pyside6-lrelease" -silent "$ts" -qm "${ts%.ts}.qm"
  unfinished=$(grep -c 'type="unfinished"' "$ts" || true)
  echo "$ts: $unfinished unfinished"
done
