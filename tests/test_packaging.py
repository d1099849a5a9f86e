"""Desktop integration files validate, agree with each other, and the wheel carries resources/.

The frozen build itself (packaging/build.sh) is too slow for the test suite; these are the
checks that can run in seconds. The validators come from Debian's packages `appstream`
(appstreamcli) and `desktop-file-utils` (desktop-file-validate); scripts/setup.sh installs
them for the test profile.
"""

from __future__ import annotations

import configparser
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import defusedxml.ElementTree as ET
import pytest

from wallet.ui.app import DESKTOP_ID, VERIFIER_DESKTOP_ID

ROOT = Path(__file__).resolve().parent.parent
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{DESKTOP_ID}.desktop"
VERIFIER = LINUX / f"{VERIFIER_DESKTOP_ID}.desktop"
METAINFO = LINUX / f"{DESKTOP_ID}.metainfo.xml"
MIME = LINUX / "learner-wallet-mime.xml"
ICONS = ROOT / "resources" / "icons"


def tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"{name} is not installed: apt-get install {package} "
            f"(scripts/setup.sh test installs it)"
        )
    return path


def run(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=60)


def desktop_entry(path: Path = DESKTOP) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


def test_appstream_metainfo_validates() -> None:
    result = run(tool("appstreamcli", "appstream"), "validate", "--no-net", str(METAINFO))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("path", [DESKTOP, VERIFIER], ids=["wallet", "verifier"])
def test_desktop_file_validates(path: Path) -> None:
    result = run(tool("desktop-file-validate", "desktop-file-utils"), str(path))
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_verifier_desktop_entry_opens_the_verifier_without_a_wallet() -> None:
    """An employer's own menu entry: `learner-wallet verifier` (no passphrase, no wallet
    file), offered for QR pictures and credential files, with the wallet's icon."""
    entry = desktop_entry(VERIFIER)
    assert entry["Name"] == "Learner Wallet Verifier"
    assert entry["Exec"] == "learner-wallet verifier %F"
    assert entry["Icon"] == DESKTOP_ID
    assert set(entry["MimeType"].rstrip(";").split(";")) >= {"image/png", "application/json"}
    assert entry["Terminal"] == "false" and entry["Type"] == "Application"
    from wallet.cli import _parser

    args = _parser().parse_args(["verifier", "sheet.png", "badge.json"])
    assert args.command == "verifier" and args.files == ["sheet.png", "badge.json"]
    root = ET.parse(METAINFO).getroot()
    assert VERIFIER.name in [e.text for e in root.iter("launchable")]


def test_desktop_file_opens_files_with_the_wallet() -> None:
    entry = desktop_entry()
    # Several files or links (a file may come as a file: address); the CLI takes them as `gui`.
    assert entry["Exec"] == "learner-wallet %U"
    assert entry["Icon"] == DESKTOP_ID
    mime = entry["MimeType"].rstrip(";").split(";")
    assert set(mime) >= {
        "application/json",
        "image/png",
        "image/svg+xml",
        "application/x-learner-wallet-backup",
        "x-scheme-handler/openid-credential-offer",  # an issuer's "Add to wallet" link
        "x-scheme-handler/dccrequest",  # DCC universities' "Add to wallet" links
        "x-scheme-handler/org.dcconsortium",
        "x-scheme-handler/interaction",  # VC-API interaction URLs
    }
    assert entry["Terminal"] == "false" and entry["Type"] == "Application"


def test_metainfo_matches_the_desktop_file_and_the_project() -> None:
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == DESKTOP_ID
    assert root.findtext("launchable") == DESKTOP.name
    assert root.findtext("project_license") == "Apache-2.0"
    assert root.find("content_rating") is not None
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    versions = [r.get("version") for r in root.iter("release")]
    assert versions[0] == project["version"]
    assert root.find("provides/mediatype").text == "application/x-learner-wallet-backup"


def test_mime_type_for_backups() -> None:
    root = ET.parse(MIME).getroot()
    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    kind = root.find("m:mime-type", ns)
    assert kind.get("type") == "application/x-learner-wallet-backup"
    assert kind.find("m:glob", ns).get("pattern") == "*.lwbackup"
    from wallet.backup import MAGIC

    assert kind.find("m:magic/m:match", ns).get("value").encode() == MAGIC


def test_icons_exist_in_every_size_and_match_their_names() -> None:
    from PIL import Image

    assert (ICONS / "learner-wallet.svg").is_file()
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        from render_icons import SIZES, png_path
    finally:
        sys.path.pop(0)
    assert SIZES[0] == 16 and SIZES[-1] == 512
    for size in SIZES:
        with Image.open(png_path(size), formats=["PNG"]) as image:
            assert image.size == (size, size) and image.mode == "RGBA"


def test_every_resources_folder_goes_into_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    data_files = config["tool"]["setuptools"]["data-files"]
    listed = {Path(key).relative_to("share/learner-wallet") for key in data_files}
    folders = {
        p.relative_to(ROOT)
        for p in (ROOT / "resources").rglob("*")
        if p.is_dir() and any(f.is_file() for f in p.iterdir())
    }
    assert folders <= listed, f"add to [tool.setuptools.data-files]: {folders - listed}"
    for key, patterns in data_files.items():
        covered = {f for pattern in patterns for f in ROOT.glob(pattern) if f.is_file()}
        here = ROOT / Path(key).relative_to("share/learner-wallet")
        assert covered == {f for f in here.iterdir() if f.is_file()}, key


def test_build_script_checks_the_frozen_app() -> None:
    script = (ROOT / "packaging" / "build.sh").read_text()
    for step in ("-m build", "pyinstaller", "self-test", "demo --screenshot", "du -sh"):
        assert step in script
    result = run("bash", "-n", str(ROOT / "packaging" / "build.sh"))
    assert result.returncode == 0, result.stderr


def app_folder(tmp_path: Path) -> Path:
    """A stand-in for the app folder build.sh makes: the program, install-desktop.sh and the
    files it installs from share/."""
    app = tmp_path / "opt" / "learner-wallet"
    (app / "share" / "icons").mkdir(parents=True)
    (app / "learner-wallet").write_text("#!/bin/sh\n")
    (app / "learner-wallet").chmod(0o755)
    shutil.copy(LINUX / "install-desktop.sh", app)
    for f in (DESKTOP, VERIFIER, METAINFO, MIME):
        shutil.copy(f, app / "share")
    for f in ICONS.iterdir():
        shutil.copy(f, app / "share" / "icons")
    return app


def test_install_desktop_script_installs_and_removes_per_user(tmp_path: Path) -> None:
    """The script build.sh puts in the app folder, run against a stand-in folder."""
    app = app_folder(tmp_path)
    home, data = tmp_path / "home", tmp_path / "data"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_DATA_HOME": str(data)}
    done = subprocess.run(
        ["sh", str(app / "install-desktop.sh")], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    installed = data / "applications" / DESKTOP.name
    assert f'Exec="{app}/learner-wallet" %U' in installed.read_text()
    verifier = data / "applications" / VERIFIER.name
    assert f'Exec="{app}/learner-wallet" verifier %F' in verifier.read_text()
    assert (data / "icons/hicolor/48x48/apps" / f"{DESKTOP_ID}.png").is_file()
    assert (data / "mime/packages" / MIME.name).is_file()
    assert (home / ".local/bin/learner-wallet").resolve() == app / "learner-wallet"
    valid = run(tool("desktop-file-validate", "desktop-file-utils"), str(installed), str(verifier))
    assert valid.returncode == 0, valid.stdout
    gone = subprocess.run(
        ["sh", str(app / "install-desktop.sh"), "--remove"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert gone.returncode == 0 and not installed.exists() and not verifier.exists()
    assert not (home / ".local/bin/learner-wallet").exists()


def test_install_desktop_makes_the_wallet_the_default_for_its_links(tmp_path: Path) -> None:
    """Offer and verifier links (openid-credential-offer://, openid4vp://, ...) open the wallet
    after install, but a scheme another app already handles is left to it unless the learner
    asks (--take-links); --remove takes back only the wallet's own defaults (issue 15)."""
    app = app_folder(tmp_path)
    home, data = tmp_path / "home", tmp_path / "data"
    config = home / ".config"
    config.mkdir(parents=True)
    mimeapps = config / "mimeapps.list"
    mimeapps.write_text(
        "[Default Applications]\nx-scheme-handler/openid4vp=other-wallet.desktop\n"
        "text/html=browser.desktop\n\n[Added Associations]\nimage/png=viewer.desktop;\n"
    )
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_DATA_HOME": str(data)}

    def install(*flags: str) -> dict[str, str]:
        done = subprocess.run(
            ["sh", str(app / "install-desktop.sh"), *flags],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert done.returncode == 0, done.stderr
        section, found = "", {}
        for line in mimeapps.read_text().splitlines():
            if line.startswith("["):
                section = line
            elif "=" in line and section == "[Default Applications]":
                key, value = line.split("=", 1)
                assert key not in found, f"{key} twice"
                found[key] = value
        return found

    ours = f"{DESKTOP_ID}.desktop"
    defaults = install()
    assert defaults["x-scheme-handler/openid-credential-offer"] == ours
    assert defaults["x-scheme-handler/dccrequest"] == ours
    assert defaults["x-scheme-handler/openid4vp"] == "other-wallet.desktop"  # left to it
    assert defaults["text/html"] == "browser.desktop"
    assert "image/png=viewer.desktop;" in mimeapps.read_text()

    defaults = install("--take-links")
    assert defaults["x-scheme-handler/openid4vp"] == ours

    defaults = install("--remove")
    assert not any(value == ours for value in defaults.values())
    assert defaults["text/html"] == "browser.desktop"
    assert "image/png=viewer.desktop;" in mimeapps.read_text()
