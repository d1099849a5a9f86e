#!/usr/bin/env bash
# Build Learner Wallet for people who do not run pip:
#   dist/learner-wallet/            the self-contained app folder (PyInstaller, one folder)
#   dist/learner_wallet-*.whl       the wheel, and dist/learner_wallet-*.tar.gz the sdist
# then check the frozen app: its self-test must pass and its window must open off screen on
# the demo wallet (dist/packaging-shot.png). Prints the bundle's size and the build time.
#
# Usage: packaging/build.sh            (from any folder; a fresh clone is enough)
# Env:   PYTHON=python3.12             the Python to build with (default: python3, >= 3.11)
#        LW_BUILD_VENV=DIR             the build's own virtual environment (default build/venv)
# Linux needs the system libraries Qt loads (scripts/setup.sh installs them). For Windows
# (Git Bash) and macOS see packaging/NOTES.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
started=$(date +%s)
PYTHON="${PYTHON:-python3}"
VENV="${LW_BUILD_VENV:-$ROOT/build/venv}"
case "$(uname -s)" in MINGW*|MSYS*|CYGWIN*) BIN="$VENV/Scripts"; EXE=.exe ;; *) BIN="$VENV/bin"; EXE= ;; esac
say() { printf '\n== %s\n' "$*"; }

say "build environment ($VENV)"
[ -x "$BIN/python$EXE" ] || "$PYTHON" -m venv "$VENV"
"$BIN/python$EXE" -m pip install -q --upgrade pip
"$BIN/python$EXE" -m pip install -q "pyinstaller>=6.10,<7" "build>=1.2"

say "wheel and sdist (python -m build)"
rm -f dist/learner_wallet-*.whl dist/learner_wallet-*.tar.gz
"$BIN/python$EXE" -m build --outdir dist . >build/python-build.log 2>&1 || {
  tail -n 30 build/python-build.log >&2; echo "build: python -m build failed (build/python-build.log)" >&2; exit 1; }
ls -1 dist/learner_wallet-*

say "installing the wheel into the build environment"
"$BIN/python$EXE" -m pip install -q --force-reinstall --no-deps dist/learner_wallet-*.whl
"$BIN/python$EXE" -m pip install -q dist/learner_wallet-*.whl

say "icons for the executable"
"$BIN/python$EXE" - <<'PY'
from PIL import Image
sizes = [16, 24, 32, 48, 64, 128, 256]
big = Image.open("resources/icons/learner-wallet-512.png")
big.save("build/learner-wallet.ico", sizes=[(s, s) for s in sizes])
big.save("build/learner-wallet.icns")
print("build/learner-wallet.ico, build/learner-wallet.icns")
PY

say "frozen app (PyInstaller)"
"$BIN/pyinstaller$EXE" --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller packaging/learner-wallet.spec

# Desktop integration travels with the app folder (Linux: ./install-desktop.sh in it).
mkdir -p dist/learner-wallet/share/icons
cp packaging/linux/*.desktop packaging/linux/*.xml dist/learner-wallet/share/
cp resources/icons/learner-wallet.svg resources/icons/learner-wallet-*.png dist/learner-wallet/share/icons/
cp packaging/linux/install-desktop.sh dist/learner-wallet/

APP="dist/learner-wallet/learner-wallet$EXE"
[ -f dist/learner-wallet/learner-wallet-cli.exe ] && APP="dist/learner-wallet/learner-wallet-cli.exe"

say "frozen self-test ($APP self-test)"
# A clean environment: the frozen app must not lean on this checkout or the build venv.
export QT_QPA_PLATFORM=offscreen
SANDBOX="$(mktemp -d)"
trap 'rm -rf "$SANDBOX"' EXIT
run_frozen() {
  (cd "$SANDBOX" && env -u PYTHONPATH -u VIRTUAL_ENV HOME="$SANDBOX/home" \
    XDG_DATA_HOME="$SANDBOX/data" XDG_STATE_HOME="$SANDBOX/state" \
    XDG_CONFIG_HOME="$SANDBOX/config" XDG_CACHE_HOME="$SANDBOX/cache" \
    "$ROOT/$APP" "$@")
}
run_frozen --version
run_frozen self-test

say "frozen window on the demo wallet (off screen)"
rm -f dist/packaging-shot.png
run_frozen demo --screenshot "$ROOT/dist/packaging-shot.png"
[ -s dist/packaging-shot.png ] || { echo "build: no screenshot was drawn" >&2; exit 1; }
echo "screenshot: dist/packaging-shot.png"
# Nothing may be written inside the app folder (it may be read-only, e.g. /opt or Program Files).
written="$(find dist/learner-wallet -newer "$SANDBOX" -type f | head -5)"
[ -z "$written" ] || { echo "build: the app wrote into its own folder: $written" >&2; exit 1; }

say "desktop files"
if command -v desktop-file-validate >/dev/null && command -v appstreamcli >/dev/null; then
  desktop-file-validate packaging/linux/*.desktop
  appstreamcli validate --no-net packaging/linux/*.metainfo.xml
else
  echo "skipped: apt-get install desktop-file-utils appstream to validate them"
fi

say "done in $(( $(date +%s) - started )) s"
du -sh dist/learner-wallet
