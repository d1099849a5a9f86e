#!/usr/bin/env bash
# Shared set-up for scripts/demo and scripts/test: system packages Qt needs (Debian/Ubuntu),
# then a virtual environment in .venv with the project installed. Safe to run again: it only
# installs what is missing or changed. Usage: source scripts/setup.sh [runtime|test]
set -euo pipefail
LW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LW_PROFILE="${1:-runtime}"

# Qt's xcb/offscreen platform plugins load these at run time (PySide6 wheels carry Qt itself).
LW_APT_PACKAGES=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 fonts-dejavu-core
  libglib2.0-0 libdbus-1-3 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libxcb-xkb1)
# The test profile adds what the export tests drive: headless Chromium opens the exported HTML,
# poppler-utils (pdftoppm, pdftotext) reads the exported PDF. appstream and desktop-file-utils
# validate the Linux desktop files (tests/test_packaging.py).
LW_TEST_APT_PACKAGES=(chromium poppler-utils appstream desktop-file-utils)

lw_install_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || {
    echo "setup: not a Debian/Ubuntu system; skipping system packages (Qt wheels bring their own on macOS and Windows)."
    return 0
  }
  local missing=() pkg
  for pkg in "${LW_APT_PACKAGES[@]}" "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  if ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then missing+=(python3-venv); fi
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "setup: installing system packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "setup: these system packages are needed and installing them needs root:" >&2
      echo "  apt-get install ${missing[*]}" >&2
      return 1
    fi
  fi
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

lw_python() {
  local py
  for py in python3.13 python3.12 python3.11 python3; do
    if command -v "$py" >/dev/null 2>&1 && "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      echo "$py"; return 0
    fi
  done
  echo "setup: Python 3.11 or newer is needed (python3 --version says $(python3 --version 2>&1))" >&2
  return 1
}

lw_venv() {
  local py extras stamp want
  py="$(lw_python)"
  [ -x "$LW_ROOT/.venv/bin/python" ] || "$py" -m venv "$LW_ROOT/.venv"
  extras=""; [ "$LW_PROFILE" = "test" ] && extras="[test]"
  stamp="$LW_ROOT/.venv/.installed"
  want="$(sha256sum "$LW_ROOT/pyproject.toml" | cut -c1-16)"
  # A test install also serves the runtime profile; a runtime install does not serve tests.
  if ! grep -qx "test $want" "$stamp" 2>/dev/null && \
     ! { [ "$LW_PROFILE" = runtime ] && grep -qx "runtime $want" "$stamp" 2>/dev/null; }; then
    echo "setup: installing Python packages into .venv (first run takes a few minutes)"
    local log="$LW_ROOT/.venv/install.log"
    if ! { "$LW_ROOT/.venv/bin/python" -m pip install --upgrade pip &&
           "$LW_ROOT/.venv/bin/python" -m pip install -e "$LW_ROOT$extras"; } >"$log" 2>&1; then
      tail -n 25 "$log" >&2
      echo "setup: installing Python packages failed; the whole log is in $log" >&2
      return 1
    fi
    echo "$LW_PROFILE $want" > "$stamp"
  fi
}

# The interop tests run Digital Bazaar's verifier (peer/, from the npm registry) beside ours;
# the receive tests run OpenID4VCI issuers (peer/issuers/: 1.0; peer/sphereon/: Draft 15), the
# present tests an OpenID4VP 1.0 verifier (peer/verifiers/, which also loads peer/'s packages),
# the legacy-suite tests the Ed25519Signature2018 and EcdsaSecp256k1Signature2019 suites
# (peer/suites/), the Blockcerts tests the Blockcerts project's own verifier (peer/blockcerts/).
# Each folder has its own lockfile.
lw_peer() {
  command -v npm >/dev/null 2>&1 || LW_EXTRA_APT+=(nodejs npm)
  [ ${#LW_EXTRA_APT[@]} -eq 0 ] || lw_install_system_packages "${LW_EXTRA_APT[@]}"
  local dir stamp want
  for dir in peer peer/issuers peer/sphereon peer/verifiers peer/suites peer/blockcerts; do
    stamp="$LW_ROOT/$dir/node_modules/.installed"
    want="$(sha256sum "$LW_ROOT/$dir/package-lock.json" | cut -c1-16)"
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
      echo "setup: installing npm packages into $dir/node_modules"
      if ! npm ci --prefix "$LW_ROOT/$dir" --no-audit --no-fund >"$LW_ROOT/.venv/npm.log" 2>&1; then
        tail -n 25 "$LW_ROOT/.venv/npm.log" >&2
        echo "setup: npm ci failed in $dir; the whole log is in .venv/npm.log" >&2
        return 1
      fi
      echo "$want" > "$stamp"
    fi
  done
}

LW_EXTRA_APT=()
lw_install_system_packages
lw_venv
# The present tests also run PyPI's polaris-oid4vp (an OpenID4VP 1.0 verifier) in a virtual
# environment of its own, peer/polaris/.venv: every package pinned with its hashes by
# peer/polaris/requirements.lock (made by pip-compile from requirements.in), nothing else.
lw_polaris() {
  local dir="$LW_ROOT/peer/polaris" py stamp want log="$LW_ROOT/.venv/polaris.log"
  stamp="$dir/.venv/.installed"
  want="$(sha256sum "$dir/requirements.lock" | cut -c1-16)"
  [ "$(cat "$stamp" 2>/dev/null)" = "$want" ] && return 0
  py="$(lw_python)"
  echo "setup: installing polaris-oid4vp into peer/polaris/.venv"
  if ! { { [ -x "$dir/.venv/bin/python" ] || "$py" -m venv "$dir/.venv"; } &&
         "$dir/.venv/bin/python" -m pip install --require-hashes --no-deps \
           -r "$dir/requirements.lock"; } >"$log" 2>&1; then
    tail -n 25 "$log" >&2
    echo "setup: installing polaris-oid4vp failed; the whole log is in $log" >&2
    return 1
  fi
  echo "$want" > "$stamp"
}

if [ "$LW_PROFILE" = "test" ]; then
  LW_EXTRA_APT+=("${LW_TEST_APT_PACKAGES[@]}"); lw_peer; lw_polaris
fi
export PATH="$LW_ROOT/.venv/bin:$PATH"
