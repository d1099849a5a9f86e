#!/bin/sh
# Add Learner Wallet to this user's application menu and file associations (no root needed).
# Run it from the app folder built by packaging/build.sh (it is copied there), after moving the
# folder where it will stay (e.g. ~/.local/opt/learner-wallet):   ./install-desktop.sh
# Undo: ./install-desktop.sh --remove
# Links from issuers and verifiers (openid-credential-offer://, openid4vp://, ...) then open the
# wallet, except schemes another app already handles: ./install-desktop.sh --take-links takes
# those over too.
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
ID=org.learnerwallet.LearnerWallet
VERIFIER=$ID.Verifier  # "Learner Wallet Verifier": an employer's check, no wallet needed
SHARE="$HERE/share"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
BIN="$HOME/.local/bin"
SIZES="16 22 24 32 48 64 128 256 512"

CONFIG="${XDG_CONFIG_HOME:-$HOME/.config}"
DEFAULTS="$CONFIG/mimeapps.list"  # the freedesktop.org list of each type's default application
LINKS="openid-credential-offer dccrequest org.dcconsortium interaction openid4vp haip-vp eudi-openid4vp"

# The default application of a type in $DEFAULTS, or nothing (written with awk, so that no
# xdg-utils are needed).
default_of() {
  [ -f "$DEFAULTS" ] || return 0
  awk -v t="$1" 'index($0, "[") == 1 { s = $0; next }
    s == "[Default Applications]" && index($0, t "=") == 1 { print substr($0, length(t) + 2) }' \
    "$DEFAULTS"
}

# Make $2 the default for type $1 (replacing any other default of it; other lines kept); with
# an empty $2, drop type $1's default.
set_default() {
  mkdir -p "$CONFIG"
  touch "$DEFAULTS"
  awk -v t="$1" -v v="$2" '
    function add() { if (!done && v != "") print t "=" v; done = 1 }
    index($0, "[") == 1 { if (s == "[Default Applications]") add(); s = $0; print; next }
    s == "[Default Applications]" && index($0, t "=") == 1 { next }
    { print }
    END { if (s == "[Default Applications]") add()
          else if (!done && v != "") { print "[Default Applications]"; add() } }
  ' "$DEFAULTS" > "$DEFAULTS.tmp"
  mv "$DEFAULTS.tmp" "$DEFAULTS"
}

refresh() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$DATA/applications" || true
  command -v update-mime-database >/dev/null 2>&1 && update-mime-database "$DATA/mime" >/dev/null || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$DATA/icons/hicolor" || true
}

if [ "${1:-}" = "--remove" ]; then
  rm -f "$DATA/applications/$ID.desktop" "$DATA/applications/$VERIFIER.desktop" \
        "$DATA/metainfo/$ID.metainfo.xml" \
        "$DATA/mime/packages/learner-wallet-mime.xml" "$DATA/icons/hicolor/scalable/apps/$ID.svg"
  for s in $SIZES; do rm -f "$DATA/icons/hicolor/${s}x${s}/apps/$ID.png"; done
  [ -L "$BIN/learner-wallet" ] && rm -f "$BIN/learner-wallet"
  for type in application/x-learner-wallet-backup $(printf 'x-scheme-handler/%s ' $LINKS); do
    if [ "$(default_of "$type")" = "$ID.desktop" ]; then set_default "$type" ""; fi  # only ours
  done
  refresh
  echo "Learner Wallet removed from the menu (your wallet file is kept)."
  exit 0
fi

[ -x "$HERE/learner-wallet" ] || { echo "run this from the Learner Wallet app folder" >&2; exit 1; }
mkdir -p "$BIN" "$DATA/applications" "$DATA/metainfo" "$DATA/mime/packages" \
         "$DATA/icons/hicolor/scalable/apps"
ln -sf "$HERE/learner-wallet" "$BIN/learner-wallet"
# The menu entries name the program by its full path: ~/.local/bin need not be on PATH.
for entry in $ID $VERIFIER; do
  sed -e "s|^Exec=learner-wallet|Exec=\"$HERE/learner-wallet\"|" \
      -e "s|^TryExec=.*|TryExec=$HERE/learner-wallet|" \
      "$SHARE/$entry.desktop" > "$DATA/applications/$entry.desktop"
done
cp "$SHARE/$ID.metainfo.xml" "$DATA/metainfo/"
cp "$SHARE/learner-wallet-mime.xml" "$DATA/mime/packages/"
cp "$SHARE/icons/learner-wallet.svg" "$DATA/icons/hicolor/scalable/apps/$ID.svg"
for s in $SIZES; do
  mkdir -p "$DATA/icons/hicolor/${s}x${s}/apps"
  cp "$SHARE/icons/learner-wallet-$s.png" "$DATA/icons/hicolor/${s}x${s}/apps/$ID.png"
done
refresh
# Backups open with the wallet by default; badges (JSON, PNG, SVG) offer it under "Open With".
set_default application/x-learner-wallet-backup "$ID.desktop"
# Issuers' offers and verifiers' requests open the wallet, unless another app already has them.
taken=""
for scheme in $LINKS; do
  current="$(default_of "x-scheme-handler/$scheme")"
  if [ -z "$current" ] || [ "${1:-}" = "--take-links" ]; then
    set_default "x-scheme-handler/$scheme" "$ID.desktop"
  elif [ "$current" != "$ID.desktop" ]; then
    taken="$taken $scheme"
  fi
done
[ -z "$taken" ] || echo "Left to the apps that already open them:$taken (--take-links takes them over)."
echo "Learner Wallet and Learner Wallet Verifier are in your application menu; 'learner-wallet' is in $BIN."
