#!/bin/sh
# Add Learner Wallet to this user's application menu and file associations (no root needed).
# Run it from the app folder built by packaging/build.sh (it is copied there), after moving the
# folder where it will stay (e.g. ~/.local/opt/learner-wallet):   ./install-desktop.sh
# Undo: ./install-desktop.sh --remove
set -eu
HERE="$(cd "$(dirname "$0")" && pwd)"
ID=org.learnerwallet.LearnerWallet
VERIFIER=$ID.Verifier  # "Learner Wallet Verifier": an employer's check, no wallet needed
SHARE="$HERE/share"
DATA="${XDG_DATA_HOME:-$HOME/.local/share}"
BIN="$HOME/.local/bin"
SIZES="16 22 24 32 48 64 128 256 512"

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
command -v xdg-mime >/dev/null 2>&1 && xdg-mime default "$ID.desktop" application/x-learner-wallet-backup || true
echo "Learner Wallet and Learner Wallet Verifier are in your application menu; 'learner-wallet' is in $BIN."
