"""`learner-wallet`: the command line, driving the same core calls as the desktop app.

Exit codes: 0 all went well, 1 some item failed, 2 usage or wallet error (wrong passphrase too).
No traceback reaches the user: unexpected errors are logged and named in one line.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as _dt
import getpass
import json
import os
import sys
import traceback
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, cast

from wallet import __version__, messages, paths
from wallet.errors import WalletError
from wallet.messages import M, Msg, render

if TYPE_CHECKING:
    from wallet.backup import TrustOffer
    from wallet.store import ListSnapshot, WalletStore

# wallet.importer, wallet.demo and wallet.store are imported where used: `learner-wallet gui`
# must not wait for the parsers and cryptography before the wallet starts opening.

EXIT_OK, EXIT_ITEM_FAILED, EXIT_ERROR = 0, 1, 2
PASSPHRASE_ENV = "LEARNER_WALLET_PASSPHRASE"
NEW_PASSPHRASE_ENV = "LEARNER_WALLET_NEW_PASSPHRASE"
BACKUP_PASSPHRASE_ENV = "LEARNER_WALLET_BACKUP_PASSPHRASE"


class UsageError(WalletError):
    """The command line asks for something that cannot be done as asked."""


def say(message: Msg | str) -> str:
    """A message in the reader's language (the locale's: `main` sets it), made safe for the
    terminal: whatever a credential, stack or trust list put into it is shown escaped."""
    return terminal_safe(render(message))


def _line(out: TextIO, message: Msg, indent: str = "") -> None:
    out.write(f"{indent}{say(message)}\n")


# What a terminal acts on instead of showing: C0 controls (ESC starts cursor moves, colours,
# conceal, title changes), DEL, C1 controls (0x9B is CSI on its own), the bidi controls that
# reorder what is shown, and the Unicode line and paragraph separators.
_CONTROLS = [
    *range(0x20),
    *range(0x7F, 0xA0),
    0x061C,
    0x200E,
    0x200F,
    0x2028,
    0x2029,
    *range(0x202A, 0x202F),
    *range(0x2066, 0x206A),
]
_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r"}
_VISIBLE = {
    cp: _NAMED.get(cp) or (f"\\x{cp:02x}" if cp < 0x100 else f"\\u{cp:04x}") for cp in _CONTROLS
}
_VISIBLE_KEEP_NEWLINES = {cp: text for cp, text in _VISIBLE.items() if cp != 0x0A}
# JSON leaves DEL, C1, bidi controls and separators raw with ensure_ascii=False: \u-escape them.
_JSON_SAFE = {cp: f"\\u{cp:04x}" for cp in _CONTROLS if cp >= 0x7F}


def terminal_safe(text: object, *, keep_newlines: bool = False) -> str:
    """`text` with every control character shown as a visible escape (ESC as \\x1b, a
    newline as \\n): strings from credentials, stacks, trust lists and backups are printed
    through this, so none can move the cursor, hide, recolour or reorder what the wallet
    prints, or start a line of its own."""
    return str(text).translate(_VISIBLE_KEEP_NEWLINES if keep_newlines else _VISIBLE)


class _TerminalOut:
    """The last line of defence around the output stream: whatever a command writes, control
    characters other than the newlines ending its lines are shown escaped."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, text: str) -> int:
        return self._out.write(terminal_safe(text, keep_newlines=True))

    def __getattr__(self, name: str) -> Any:
        return getattr(self._out, name)


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="learner-wallet",
        description="Keep, verify and present your badges and micro-credentials.",
    )
    p.add_argument("--version", action="version", version=f"learner-wallet {__version__}")
    p.add_argument(
        "--wallet", type=Path, default=None, help=f"wallet file (default: {paths.default_wallet()})"
    )
    p.add_argument(
        "--passphrase-file",
        type=Path,
        default=None,
        help=f"read the passphrase from this file (or set {PASSPHRASE_ENV})",
    )
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    for name, text in (
        ("gui", "open the desktop app (the default)"),
        ("demo", "open the desktop app on a fresh demo wallet"),
    ):
        g = sub.add_parser(name, help=text)
        g.add_argument(
            "--screenshot",
            type=Path,
            default=None,
            metavar="PNG",
            help="draw the main window into this PNG once it is shown, then quit",
        )
        g.add_argument(
            "--exit-when-shown",
            action="store_true",
            help="quit as soon as the window has painted its list, printing "
            "'shown N' (start-up benchmarks, smoke tests)",
        )
        if name == "gui":
            g.add_argument(
                "files",
                nargs="*",
                metavar="FILE",
                help="credential or badge files to import (handed to the app "
                "already open on this wallet, if there is one)",
            )
    sub.add_parser(
        "self-test",
        help="check that this installation works (encryption, "
        "contexts, QR codes, signatures, Qt), then exit",
    )
    init = sub.add_parser("init", help="create a new wallet file")
    init.add_argument(
        "--demo",
        action="store_true",
        help="fill it with the demo credentials (signed by a demo issuer)",
    )
    imp = sub.add_parser("import", help="import credentials from files, folders, zips, URLs or -")
    imp.add_argument("sources", nargs="+", metavar="SOURCE")
    imp.add_argument("--json", action="store_true", help="one JSON object per item")
    ls = sub.add_parser("list", help="list the credentials in the wallet")
    ls.add_argument("--json", action="store_true", help="one JSON object per credential")
    shared = sub.add_parser(
        "shared", help="what you showed to which verifier, when, and what it revealed"
    )
    shared.add_argument("--json", action="store_true", help="one JSON object per answer")
    rm = sub.add_parser(
        "remove", help="delete credentials for good (with what they bundle, tags and reports)"
    )
    rm.add_argument("ids", nargs="+", metavar="ID", help="credential id (or a unique prefix)")
    rm.add_argument("--yes", action="store_true", help="delete without asking first")
    show = sub.add_parser("show", help="show one credential")
    show.add_argument("id", metavar="ID", help="credential id (or a unique prefix)")
    show.add_argument("--json", action="store_true")
    ver = sub.add_parser(
        "verify",
        help="check signatures, issuer, dates and revocation offline",
        description="Verify credential files or URLs (no wallet needed), or "
        "credentials in the wallet by id or with --all.",
    )
    ver.add_argument(
        "sources",
        nargs="*",
        metavar="SOURCE",
        help="a file, folder, zip, URL or - (stdin), or a wallet credential id",
    )
    ver.add_argument("--all", action="store_true", help="every credential in the wallet")
    ver.add_argument(
        "--online",
        action="store_true",
        help="fetch issuer keys and status lists now (and cache them)",
    )
    ver.add_argument(
        "--at", metavar="TIME", default=None, help="judge as of this ISO 8601 time (default: now)"
    )
    ver.add_argument("--json", action="store_true", help="one JSON object per credential")
    ver.add_argument(
        "--explorer",
        metavar="URL",
        default=None,
        help="the blockchain explorer for Blockcerts anchors (an https URL template with {txid}, "
        "and {net} for 'testnet/'; Esplora API); kept as the wallet's setting when checking "
        "wallet credentials (default: https://blockstream.info/{net}api/tx/{txid})",
    )
    tsub = _actions(sub, "trust", "the issuers you trust (unknown issuers are a warning)")
    tsub.add_parser("list", help="list trusted issuers")
    tadd = tsub.add_parser("add", help="trust an issuer by its id (a DID or URL)")
    tadd.add_argument("issuer_id", metavar="ISSUER_ID")
    tadd.add_argument("--name", default=None)
    trm = tsub.add_parser("remove", help="stop trusting an issuer")
    trm.add_argument("issuer_id", metavar="ISSUER_ID")
    timp = tsub.add_parser(
        "import",
        help="trust every issuer in a trust list file "
        '(JSON: {"name", "issuers": [{"id", "name"}]})',
    )
    timp.add_argument("file", type=Path)
    _registry_parser(sub)
    _trusted_lists_parser(sub)
    _stacks_parser(sub)
    pres = sub.add_parser("present", help="make a QR code an employer scans to check credentials")
    pres.add_argument("ids", nargs="+", metavar="ID", help="credential ids (or unique prefixes)")
    pres.add_argument(
        "--reveal",
        nargs="+",
        metavar="FIELD",
        help="show only these fields of one credential (others stay hidden): "
        "SD-JWT claims (name or path, e.g. achievement/name) or "
        "ecdsa-sd-2023 fields (JSON pointers, e.g. "
        "/credentialSubject/achievement/name); without it, everything. "
        "Other proofs cover the whole credential: no --reveal",
    )
    pres.add_argument("--challenge", default=None, help="the verifier's challenge (nonce)")
    pres.add_argument("--domain", default=None, help="who the presentation is for")
    pres.add_argument(
        "--qr",
        type=Path,
        default=None,
        metavar="OUT.png",
        help="the QR image (OUT-1.png, OUT-2.png... when it needs several)",
    )
    pres.add_argument(
        "--sheet",
        type=Path,
        default=None,
        metavar="OUT.pdf|OUT.png",
        help="a one-page proof sheet to print or send: the code(s), labelled, what they "
        "prove, until when, and how to check them",
    )
    pres.add_argument(
        "--valid-for",
        default=None,
        metavar="DURATION",
        help="how long the presentation stays valid, 10m to 30d (e.g. 10m, 2h, 7d; "
        "default 7d, as it is saved to a file)",
    )
    pres.add_argument(
        "--json", type=Path, default=None, metavar="OUT", help="also write the presentation itself"
    )
    chk = sub.add_parser(
        "check-qr",
        help="verify a presentation from QR code images (no wallet needed; with --wallet, "
        "judged against its trusted issuers)",
    )
    chk.add_argument("images", nargs="+", metavar="IMAGE")
    chk.add_argument("--challenge", default=None, help="the challenge you gave the learner")
    chk.add_argument("--domain", default=None)
    chk.add_argument(
        "--at", metavar="TIME", default=None, help="judge as of this ISO 8601 time (default: now)"
    )
    chk.add_argument("--json", action="store_true")
    vfy = sub.add_parser(
        "verifier",
        help="open the verifier window: check QR codes, proof sheets and credential files "
        "(no wallet needed, none is opened or made)",
    )
    vfy.add_argument("files", nargs="*", metavar="FILE", help="pictures or credentials to check")
    vfy.add_argument(
        "--screenshot",
        type=Path,
        default=None,
        metavar="PNG",
        help="draw the window into this PNG once shown (after checking FILE...), then quit",
    )
    sub.add_parser(
        "passwd",
        help=f"change the wallet passphrase (new one from {NEW_PASSPHRASE_ENV} or prompted)",
    )
    bak = sub.add_parser(
        "backup",
        help="write the whole wallet into one encrypted backup file",
        description="Everything the wallet holds (original credential files, "
        "tags, collections, stacks, holder keys, settings) in "
        "one file encrypted with a backup passphrase (from "
        f"{BACKUP_PASSPHRASE_ENV} or prompted).",
    )
    bak.add_argument("out", type=Path, metavar="OUT.lwbackup")
    res = sub.add_parser(
        "restore",
        help="add everything in a backup file to the wallet",
        description="Merge a backup into the wallet (created if missing): "
        "nothing is duplicated and what the wallet has is kept. "
        "A wrong passphrase or a damaged file changes nothing.",
    )
    res.add_argument("backup", type=Path, metavar="IN.lwbackup")
    res.add_argument(
        "--accept-trust",
        action="store_true",
        help="also trust the issuers the backup trusts and subscribe to its issuer "
        "registries, with the copies it keeps (otherwise they are only listed; asked when "
        "run in a terminal)",
    )
    exp = sub.add_parser(
        "export",
        help="export chosen credentials as a portfolio (HTML, PDF), a presentation "
        "(JSON), CLR bundles or baked badge images",
        description="Only what you choose leaves the wallet: a collection, a stack (the "
        "credentials counting toward it), credential ids, or --all. html, pdf and "
        "json write the file OUT; clr and images write files into the folder OUT.",
    )
    exp.add_argument("--format", required=True, choices=("html", "pdf", "json", "clr", "images"))
    exp.add_argument("--collection", metavar="C", help="a collection, by name (or id)")
    exp.add_argument("--stack", metavar="S", help="a stack, by id (or name)")
    exp.add_argument("--all", action="store_true", help="every credential in the wallet")
    exp.add_argument("--name", default=None, help="your name, shown as the portfolio's title")
    exp.add_argument("--summary", default=None, help="a line or two about you")
    exp.add_argument(
        "--include-unverified",
        action="store_true",
        help="html and pdf: also show failed and unchecked credentials, marked as such "
        "(left out otherwise)",
    )
    exp.add_argument(
        "--no-verify",
        action="store_true",
        help="use the last stored checks instead of checking again offline",
    )
    exp.add_argument("ids", nargs="*", metavar="ID", help="credential ids (or unique prefixes)")
    exp.add_argument("out", type=Path, metavar="OUT")
    rec = sub.add_parser(
        "receive",
        help="receive credentials from an issuer's offer or exchange (an "
        "openid-credential-offer://, dccrequest:// or interaction link)",
        description="Shows who the issuer is and what it offers, asks, then fetches the "
        "credentials bound to your holder key and imports and verifies them.",
    )
    rec.add_argument("offer", metavar="OFFER_OR_LINK", nargs="?")
    rec.add_argument("--tx-code", default=None, metavar="CODE", help="the code the issuer sent you")
    rec.add_argument("--yes", action="store_true", help="receive without asking first")
    res = sub.add_parser(
        "respond",
        help="answer a verifier's request (an openid4vp:// link) with your credentials",
        description="Shows who asks, why, which of your credentials match and exactly what "
        "each would reveal, asks, then sends the presentation the verifier asked for.",
    )
    res.add_argument("request", metavar="REQUEST_URL")
    res.add_argument("--yes", action="store_true", help="answer without asking first")
    res.add_argument(
        "--pick",
        nargs="+",
        metavar="ID",
        help="the credentials to show (ids or unique prefixes), where several match",
    )
    rec.add_argument(
        "--pending",
        action="store_true",
        help="only ask again for credentials issuers promised to deliver later (every "
        "receive does that first)",
    )
    return p


def _actions(sub: Any, name: str, text: str) -> Any:
    """A command whose first word is one of its ACTIONs (`trust add`, `registry refresh`):
    the subparsers to add them to; the one chosen is `args.action`."""
    return sub.add_parser(name, help=text).add_subparsers(
        dest="action", metavar="ACTION", required=True
    )


def _read_passphrase(args: argparse.Namespace, *, confirm: bool = False) -> str:
    if args.passphrase_file is not None:
        try:
            text: str = args.passphrase_file.read_text(encoding="utf-8")
        except OSError as e:
            raise UsageError(
                M(
                    "cannot read passphrase file {path}: {problem}",
                    path=str(args.passphrase_file),
                    problem=str(e.strerror),
                )
            ) from None
        return text.rstrip("\r\n")
    env = os.environ.get(PASSPHRASE_ENV)
    if env:
        return env
    return _prompt(M("Wallet passphrase: "), confirm=confirm)


def _prompt(label: Msg, *, confirm: bool) -> str:
    if not sys.stdin.isatty():
        raise UsageError(
            M("no passphrase given: use --passphrase-file or set {env}", env=PASSPHRASE_ENV)
        )
    first = getpass.getpass(render(label))
    if confirm and getpass.getpass(render(M("Again: "))) != first:
        raise UsageError(M("the two passphrases differ; nothing changed"))
    return first


def _chosen(secret: str) -> str:
    """A new passphrase (wallet or backup) held to the one rule (`actions.passphrase`): refused
    with the rule's sentence when it breaks it, a plain warning on stderr when weak."""
    from wallet.actions import passphrase as passphrase_rule

    problem = passphrase_rule.problem(secret)
    if problem is not None:
        raise UsageError(problem)
    warning = passphrase_rule.strength(secret).warning
    if warning is not None:
        sys.stderr.write(f"learner-wallet: {say(warning)}\n")
    return secret


def _wallet_path(args: argparse.Namespace) -> Path:
    return args.wallet if args.wallet is not None else paths.default_wallet()


def _open(args: argparse.Namespace) -> WalletStore:
    from wallet.store import WalletStore

    path = _wallet_path(args)
    if not path.exists():
        raise UsageError(
            M("no wallet at {path}; create one with `learner-wallet init`", path=str(path))
        )
    return WalletStore.open(path, _read_passphrase(args))


def _emit(out: TextIO, obj: dict[str, Any]) -> None:
    out.write(json.dumps(obj, ensure_ascii=False).translate(_JSON_SAFE) + "\n")


def cmd_init(args: argparse.Namespace, out: TextIO) -> int:
    from wallet import demo
    from wallet.importer import FAILED
    from wallet.store import WalletStore

    path = _wallet_path(args)
    secret = _read_passphrase(args, confirm=True)
    # A demo wallet holds nothing secret (its passphrase is the demo's): no rule for it.
    with WalletStore.create(path, secret if args.demo else _chosen(secret)) as store:
        _line(out, M("created wallet {path}", path=str(path)))
        if args.demo:
            store.settings.set("demo", "1")
            results = demo.fill(store)
            for r in results:
                _line(out, r.line())
            _line(out, M("filled with DEMO credentials (signed by a demo issuer, not real)"))
            if any(r.status == FAILED for r in results):
                return EXIT_ITEM_FAILED
    return EXIT_OK


def qt_self_check() -> str:
    """The self-test's Qt check: Qt code, so it comes from wallet.ui through this one door."""
    from wallet.ui.selftest_qt import check_qt

    return check_qt()


def _log_error(text: str) -> None:
    """A problem worth a maintainer's look that the person need not see (errors.log)."""
    with contextlib.suppress(OSError):
        paths.append_log(paths.log_dir() / "errors.log", text.rstrip() + "\n")


def cmd_import(args: argparse.Namespace, out: TextIO) -> int:
    from wallet.actions.importing import import_and_verify
    from wallet.importer import FAILED

    with _open(args) as store:

        def report(r: Any) -> None:
            if args.json:
                _emit(out, r.to_dict())
            else:
                _line(out, r.line())
            out.flush()

        results = import_and_verify(
            store, args.sources, stdin=sys.stdin.buffer, progress=report, log=_log_error
        )
    return EXIT_ITEM_FAILED if any(r.status == FAILED for r in results) else EXIT_OK


def cmd_list(args: argparse.Namespace, out: TextIO) -> int:
    with _open(args) as store:
        rows = store.credentials.summaries()
        verdicts = store.checks.verdicts()
        # A bare DID or URL issuer has no name: scripts get its id (issue 18), not null.
        issuer_ids = (
            {cid: c.issuer.id for cid, c in store.credentials.records().items()}
            if args.json
            else {}
        )
    if args.json:
        for r in rows:
            _emit(
                out,
                {
                    "id": r.id,
                    "title": r.title,
                    "issuer": r.issuer or issuer_ids.get(r.id),
                    "issuer_id": issuer_ids.get(r.id),
                    "format": r.format,
                    "proof": r.proof_form,
                    "issued": r.issued,
                    "parent": r.parent_id,
                    "verdict": verdicts.get(r.id),
                },
            )
    elif not rows:
        _line(out, M("The wallet is empty. Import a badge with `learner-wallet import FILE`."))
    else:
        for r in rows:
            indent = "  └ " if r.parent_id else ""
            out.write(
                terminal_safe(
                    f"{r.id}  {(r.issued or '')[:10]:10}  {indent}{r.title}"
                    f"  — {r.issuer or render(M('unknown issuer'))}"
                )
                + "\n"
            )
    return EXIT_OK


# A share's own fields, under their own names, in `shared --json`.
_SHARE_FIELDS = ("shared_at", "verifier", "client_id", "host", "purpose")


def cmd_shared(args: argparse.Namespace, out: TextIO) -> int:
    """What went to which verifier, newest first: when, to whom (the name it gave and what
    proved it), which credentials and exactly what each revealed, in words ("Given name");
    `--json` keeps the claim paths as they were kept. The window's History of Sharing reads
    the same entries (wallet.actions.shares)."""
    from wallet.actions.shares import NOTHING_SHARED, shared_history

    with _open(args) as store:
        entries = shared_history(store)
    if args.json:
        for e in entries:
            _emit(
                out,
                {
                    **{key: getattr(e, key) for key in _SHARE_FIELDS},
                    "credentials": [
                        {"id": c.id, "title": c.title, "revealed": list(c.paths)}
                        for c in e.credentials
                    ],
                },
            )
        return EXIT_OK
    if not entries:
        _line(out, NOTHING_SHARED)
    for e in entries:
        _line(out, e.heading)
        for c in e.credentials:
            _line(out, c.line, "  ")
    return EXIT_OK


def cmd_show(args: argparse.Namespace, out: TextIO) -> int:
    with _open(args) as store:
        item = store.credentials.get(args.id)
    record = item.credential.to_dict()
    if args.json:
        _emit(
            out,
            {
                "id": item.id,
                **record,
                "sha256": item.original_sha256,
                "payload_sha256": item.payload_sha256,
                "media_type": item.media_type,
                "source": item.source,
                "imported_at": item.imported_at,
                "parent": item.parent_id,
                "children": item.children,
                "tags": item.tags,
            },
        )
        return EXIT_OK
    from wallet.formats.ob2 import shown_description

    c = item.credential
    lines = [c.title, "=" * min(len(c.title), 72)]

    def add(label: Msg | str, value: object) -> None:
        if value not in (None, "", []):
            lines.append(f"{render(label):<18}{render(value) if isinstance(value, Msg) else value}")

    add(
        M("Issuer"),
        " ".join(x for x in (c.issuer.name, f"<{c.issuer.id}>" if c.issuer.id else None) if x),
    )
    add(M("Description"), shown_description(c))
    add(M("Issued"), c.issued)
    add(M("Valid until"), c.valid_until)
    add(M("Type"), c.achievement_type)
    add(M("Credits"), f"{c.credits.value:g} {c.credits.unit}" if c.credits else None)
    add(M("Level"), f"{c.level.framework} {c.level.value}" if c.level else None)
    for i, outcome in enumerate(c.learning_outcomes):
        add(M("Learning outcomes") if i == 0 else "", f"• {outcome}")
    add(M("Assessment"), c.assessment)
    add(M("Participation"), c.participation)
    add(M("Quality assurance"), c.quality_assurance)
    add(M("Grade"), c.grade)
    add(M("Prerequisites"), c.entry_requirements)
    add(
        M("Workload"),
        f"{c.volume_of_learning.value:g} {c.volume_of_learning.unit}"
        if c.volume_of_learning
        else None,
    )
    add(M("Learner"), c.subject_name or c.subject_id)
    add(
        M("Format"),
        M("{format} ({proof}, baked {baked})", format=c.format, proof=c.proof_form, baked=c.baked)
        if c.baked
        else f"{c.format} ({c.proof_form})",
    )
    add(M("Tags"), ", ".join(item.tags + c.tags))
    add(M("Bundled"), ", ".join(item.children))
    add(M("Part of"), item.parent_id)
    add("Id", item.id)
    add("SHA-256", item.original_sha256)
    add(M("Imported"), M("{time} from {source}", time=item.imported_at, source=item.source))
    out.write("\n".join(map(terminal_safe, lines)) + "\n")
    return EXIT_OK


def cmd_passwd(args: argparse.Namespace, out: TextIO) -> int:
    from wallet.actions import passphrase as passphrase_actions

    with _open(args) as store:
        new = os.environ.get(NEW_PASSPHRASE_ENV) or _prompt(M("New passphrase: "), confirm=True)
        passphrase_actions.change_passphrase(store, _chosen(new))
    _line(out, M("passphrase changed"))
    return EXIT_OK


FIRST_SCREEN = 60  # rows read before the window first paints: more than a screen holds


def _list_snapshot(store: WalletStore) -> ListSnapshot:
    """The list's first screen, read on the thread that opened the wallet; the window reads
    the rest once it has painted those rows."""
    return store.credentials.list_snapshot(first=FIRST_SCREEN)


def cmd_gui(args: argparse.Namespace, out: TextIO, *, demo_mode: bool = False) -> int:
    """The desktop app. With a passphrase already given, the wallet starts opening on a helper
    thread *before* Qt is imported: SQLCipher's key derivation (~85 ms, GIL released) and the
    first read of the list then overlap Qt's start-up instead of following it."""
    from wallet.store.db import PendingOpen

    if demo_mode:
        from wallet import demo

        path = demo.fresh_demo_wallet()
        passphrase: str | None = demo.DEMO_PASSPHRASE
    else:
        path = _wallet_path(args)
        passphrase = None
        if args.passphrase_file is not None or os.environ.get(PASSPHRASE_ENV):
            passphrase = _read_passphrase(args)
    opening = None
    if passphrase and path.is_file():
        opening = PendingOpen(path, passphrase, prefetch=_list_snapshot)

    # One app per wallet (not for the demo or the screenshot/benchmark runs): a second
    # launch hands its files to the first and exits.
    files = getattr(args, "files", None) or []
    single = (
        not demo_mode
        and getattr(args, "screenshot", None) is None
        and not getattr(args, "exit_when_shown", False)
    )
    if single:
        from wallet.ui.single_instance import hand_over

        if hand_over(path, files):
            if opening is not None:
                opening.discard()
            return EXIT_OK

    from wallet.ui.app import run_app  # Qt is loaded only when a window is wanted

    return run_app(
        path,
        passphrase=passphrase,
        demo=demo_mode,
        opening=opening,
        screenshot=getattr(args, "screenshot", None),
        exit_when_shown=getattr(args, "exit_when_shown", False),
        open_files=files if single else None,
    )


_MARKS = {"pass": "✓", "fail": "✗", "warn": "!", "unknown": "?", "skip": "-"}


def _print_report(out: TextIO, report: Any, title: str | Msg, indent: str = "") -> None:
    from wallet.verify.checks import ELEMENT_LABELS

    out.write(f"{indent}{say(title)}: {report.verdict.upper()}  ({terminal_safe(report.source)})\n")
    for c in report.checks:
        out.write(f"{indent}  {_MARKS.get(c.status, '?')} {c.id:<9} {say(c.msg)}\n")
    present = [k for k, v in report.elements.items() if v]
    missing = [render(ELEMENT_LABELS.get(k, k)) for k, v in report.elements.items() if not v]
    if report.elements and missing:
        _line(
            out,
            M(
                "{present} of {total} EU micro-credential elements; missing: {missing}",
                present=len(present),
                total=len(report.elements),
                missing=", ".join(missing),
            ),
            indent + "  ",
        )
    elif report.elements:
        _line(
            out,
            M(
                "{present} of {total} EU micro-credential elements",
                present=len(present),
                total=len(report.elements),
            ),
            indent + "  ",
        )
    for child in report.nested:
        _print_report(out, child, child.source.rsplit(" › ", 1)[-1], indent + "    ")


def _looks_like_id(text: str) -> bool:
    return 4 <= len(text) <= 64 and all(ch in "0123456789abcdef" for ch in text.lower())


def cmd_verify(args: argparse.Namespace, out: TextIO) -> int:
    import datetime as dt

    from wallet import formats
    from wallet.errors import FormatError
    from wallet.sources import Failure, is_url, read_sources
    from wallet.verify.context import VerifyContext
    from wallet.verify.report import FAILED, PROOF, UNKNOWN_VERDICT, Check, Report
    from wallet.verify.verifier import verify_parsed

    at = _at(args) or dt.datetime.now(dt.UTC)
    ids = [
        s
        for s in args.sources
        if not (s == "-" or is_url(s) or Path(s).exists()) and _looks_like_id(s)
    ]
    files = [s for s in args.sources if s not in ids]
    if not args.sources and not args.all:
        raise UsageError(M("name files, URLs or credential ids to verify, or use --all"))
    if args.explorer is not None:
        from wallet.verify.blockcerts import explorer_problem

        problem = explorer_problem(args.explorer)
        if problem is not None:
            raise UsageError(problem)
    bad = False

    def emit(report: Report, title: str | Msg) -> None:
        nonlocal bad
        bad = bad or report.verdict in (FAILED, UNKNOWN_VERDICT)
        if args.json:
            obj = report.to_json()
            _emit(
                out,
                {k: obj[k] for k in ("source", "format", "verdict", "checks", "elements")}
                | {
                    k: obj[k]
                    for k in ("checked_at", "as_of", "nested", "holder_can_derive")
                    if k in obj
                },
            )
        else:
            _print_report(out, report, title)
        out.flush()

    if files:
        ctx = VerifyContext(at=at, online=args.online, blockcerts_explorer=args.explorer)
        for entry in read_sources(files, stdin=sys.stdin.buffer):
            if isinstance(entry, Failure):
                emit(
                    Report(entry.label, "", [Check(PROOF, "unknown", entry.msg)]),
                    M("cannot read"),
                )
                continue
            try:
                parsed = formats.parse(entry.data, name=entry.label)
            except FormatError as e:
                emit(
                    Report(entry.label, "", [Check(PROOF, "unknown", e.msg)]),
                    M("not a credential"),
                )
                continue
            emit(verify_parsed(parsed, ctx, entry.label), parsed.credential.title)
    if ids or args.all:
        from wallet.actions import verifying

        with _open(args) as store:
            if args.explorer is not None:
                from wallet.verify.blockcerts import EXPLORER_SETTING

                store.settings.set(EXPLORER_SETTING, args.explorer)
            titles = {s.id: s.title for s in store.credentials.summaries()}
            verifying.verify_credentials(
                store,
                None if args.all else ids,
                online=args.online,
                at=at,
                each=lambda cid, report: emit(report, titles[cid]),
            )
    return EXIT_ITEM_FAILED if bad else EXIT_OK


def _cannot_read(path: Path, e: OSError) -> UsageError:
    return UsageError(M("cannot read {path}: {problem}", path=str(path), problem=str(e.strerror)))


def _trust_list(path: Path) -> tuple[str, list[tuple[str, str | None]]]:
    """(list name, [(issuer id, name)]) from a trust list file; a clear error otherwise."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise _cannot_read(path, e) from None
    except ValueError as e:
        raise UsageError(
            M("{path}: not JSON ({problem})", path=str(path), problem=str(e))
        ) from None
    issuers = doc.get("issuers") if isinstance(doc, dict) else None
    if not isinstance(issuers, list) or not issuers:
        raise UsageError(M('{path}: a trust list needs an "issuers" list', path=str(path)))
    out: list[tuple[str, str | None]] = []
    for i, entry in enumerate(issuers, start=1):
        iid = entry.get("id") if isinstance(entry, dict) else entry
        name = entry.get("name") if isinstance(entry, dict) else None
        if not isinstance(iid, str) or ":" not in iid:
            raise UsageError(
                M(
                    "{path}: issuer {n} has no id (a DID or URL); nothing imported",
                    path=str(path),
                    n=i,
                )
            )
        out.append((iid, name if isinstance(name, str) else None))
    list_name = doc.get("name") if isinstance(doc.get("name"), str) else path.name
    return list_name, out


def cmd_trust(args: argparse.Namespace, out: TextIO) -> int:
    from wallet.actions import trust as trust_actions

    with _open(args) as store:
        action = args.action
        if action == "list":
            trusted = store.trust.issuers()
            if not trusted:
                _line(out, M("You trust no issuers yet: `learner-wallet trust add ISSUER_ID`."))
            for iid, name in sorted(trusted.items(), key=lambda kv: (kv[1] or kv[0]).lower()):
                out.write(terminal_safe(iid) + (f"  {terminal_safe(name)}" if name else "") + "\n")
        elif action == "add":
            trust_actions.trust_issuer(store, args.issuer_id, args.name, source="user")
            _line(out, M("trusting {issuer}", issuer=args.name or args.issuer_id))
        elif action == "remove":
            if not trust_actions.distrust_issuer(store, args.issuer_id).removed:
                raise UsageError(
                    M("{issuer} is not on your list of trusted issuers", issuer=args.issuer_id)
                )
            _line(out, M("no longer trusting {issuer}", issuer=args.issuer_id))
        else:
            list_name, entries = _trust_list(args.file)
            trust_actions.trust_issuers(store, entries, source=f"list: {list_name}")
            _line(
                out,
                M("trusting {n} issuers from {list}", n=len(entries), list=list_name),
            )
    return EXIT_OK


def _stacks_parser(sub: Any) -> None:
    """`stacks` (progress toward larger awards) and `stack import | remove` (their definitions)."""
    st = sub.add_parser("stacks", help="progress toward larger awards (stacks / pathways)")
    st.add_argument("--json", action="store_true", help="one JSON object per stack")
    st.add_argument(
        "--include-unverified",
        action="store_true",
        help="count credentials not checked yet (marked as such)",
    )
    stk_sub = _actions(sub, "stack", "manage stack definitions")
    stk_imp = stk_sub.add_parser(
        "import", help="import a stack: our format, CTDL pathway JSON-LD or a Badgr pathway export"
    )
    stk_imp.add_argument("file", type=Path)
    stk_rm = stk_sub.add_parser("remove", help="remove a stack by its id")
    stk_rm.add_argument("stack_id", metavar="STACK_ID")


def _registry_parser(sub: Any) -> None:
    """`registry add URL | remove URL | refresh | list`: issuer registries (DCC format)."""
    rsub = _actions(sub, "registry", "issuer registries: the issuers they list count as known")
    radd = rsub.add_parser("add", help="subscribe to the registry at URL (fetched now)")
    radd.add_argument("url", metavar="URL")
    radd.add_argument("--name", default=None, help="what to call it (default: its own name)")
    rrm = rsub.add_parser("remove", help="unsubscribe from the registry at URL")
    rrm.add_argument("url", metavar="URL")
    rsub.add_parser("refresh", help="fetch every subscribed registry again now")
    rsub.add_parser("list", help="list subscribed registries")


_NO_REGISTRIES = M("You subscribe to no issuer registries yet: `learner-wallet registry add URL`.")


def cmd_registry(args: argparse.Namespace, out: TextIO) -> int:
    from wallet.actions import registries

    with _open(args) as store:
        action = args.action
        if action == "add":
            sub = registries.subscribe(store, args.url, args.name).subscription
            assert sub is not None  # just saved
            line = M(
                "subscribed to {name}: {summary}", name=sub.name, summary=registries.summary(sub)
            )
            _line(out, line)
        elif action == "remove":
            gone = registries.unsubscribe(store, args.url).subscription
            _line(out, M("no longer subscribed to {name}", name=gone.name if gone else args.url))
        elif action == "refresh":
            done = registries.refresh(store)
            if not done.refreshed and not done.failed:
                _line(out, _NO_REGISTRIES)
            for sub in (*done.refreshed, *done.failed):
                _line(out, M("{name}: {summary}", name=sub.name, summary=registries.summary(sub)))
            return EXIT_ITEM_FAILED if done.failed else EXIT_OK
        else:
            subs = registries.subscriptions(store)
            if not subs:
                _line(out, _NO_REGISTRIES)
            for sub in subs:
                out.write(f"{terminal_safe(sub.name)}  {terminal_safe(sub.url)}\n")
                _line(out, registries.summary(sub), "  ")
    return EXIT_OK


def _trusted_lists_parser(sub: Any) -> None:
    """`trusted-lists refresh | status`: the EU lists Europass seals are judged against."""
    tlsub = _actions(sub, "trusted-lists", "EU trusted lists: which Europass seals are qualified")
    tref = tlsub.add_parser("refresh", help="fetch the EU lists now (online) and keep them")
    tref.add_argument(
        "--signers",
        type=Path,
        default=None,
        metavar="PEM",
        help="the LOTL signing certificates the Official Journal of the EU publishes "
        "(default: the file named by LEARNER_WALLET_LOTL_SIGNERS)",
    )
    tlsub.add_parser("status", help="which lists the wallet keeps, and how old they are")


def cmd_trusted_lists(args: argparse.Namespace, out: TextIO) -> int:
    from wallet.actions import eu_trust

    with _open(args) as store:
        if args.action == "refresh":
            done = eu_trust.refresh_trusted_lists(store, signers_file=args.signers)
            for line in eu_trust.status_lines(done.snapshot):
                _line(out, line)
            return EXIT_ITEM_FAILED if done.problems else EXIT_OK
        for line in eu_trust.status_lines(eu_trust.trusted_lists_status(store)):
            _line(out, line)
    return EXIT_OK


def cmd_stacks(args: argparse.Namespace, out: TextIO) -> int:
    from wallet.stacks.engine import evaluate_wallet, explain, result_to_json
    from wallet.stacks.progress import percent, progress_sentence

    with _open(args) as store:
        results = evaluate_wallet(store, include_unverified=args.include_unverified)
    if args.json:
        for r in results:
            obj = result_to_json(r)
            _emit(out, obj)
        return EXIT_OK
    if not results:
        _line(out, M("No stacks yet. Import one with `learner-wallet stack import FILE`."))
    for r in results:
        obj = result_to_json(r)
        name = obj["name"]
        if obj["satisfied"]:
            _line(out, M("{stack}: ✓ satisfied", stack=name))
        else:
            _line(out, M("{stack}: {pct}%", stack=name, pct=str(percent(r.progress))))
        credits = obj.get("credits") or {}
        if credits.get("required"):
            _line(
                out,
                M(
                    "credits: {earned} of {required} {unit}",
                    earned=f"{credits['earned']:g}",
                    required=f"{credits['required']:g}",
                    unit=credits.get("unit") or "",
                ),
                "  ",
            )
        how = progress_sentence(r)  # how the percent comes about, as the Stacks view says
        if how is not None:
            _line(out, how, "  ")
        for missing in r.root.missing:
            _line(out, M("missing: {what}", what=missing), "  ")
        for line in explain(r):  # what rests on unconfirmed issuers; what does not count, why
            _line(out, line, "  ")
    return EXIT_OK


def cmd_stack(args: argparse.Namespace, out: TextIO) -> int:
    from wallet.actions import stacks as stack_actions

    with _open(args) as store:
        if args.action == "remove":
            stack_actions.remove_stack(store, args.stack_id)
            _line(out, M("removed stack {id}", id=args.stack_id))
            return EXIT_OK
        try:
            data = args.file.read_bytes()
        except OSError as e:
            raise _cannot_read(args.file, e) from None
        kept = stack_actions.import_stack(store, data)
        _line(
            out,
            M(
                "imported stack {id}  {name}  ({source})",
                id=kept.stack_id,
                name=kept.name,
                source=kept.source,
            ),
        )
    return EXIT_OK


def cmd_present(args: argparse.Namespace, out: TextIO) -> int:
    """One presentation of the chosen credentials, signed by the learner's holder key, as QR.

    `--reveal` picks what one credential shows: SD-JWT claims, or the fields of an
    ecdsa-sd-2023 credential (a derived proof); other proofs are shown whole or not at all.
    """
    import datetime as dt

    from wallet.actions import presenting
    from wallet.present import qr, sheet

    if args.qr is None and args.sheet is None:
        raise UsageError(
            M(
                "name a file to write: --qr OUT.png for the code(s), --sheet OUT.pdf or"
                " OUT.png for a proof sheet, or both"
            )
        )
    if args.sheet is not None and sheet.kind_of(args.sheet) is None:
        raise UsageError(
            M("a proof sheet is written as .pdf or .png, not as {name}", name=args.sheet.name)
        )
    # Saved to a file, so checked later: a week unless the learner says otherwise.
    minutes = (
        presenting.SAVED_MINUTES
        if args.valid_for is None
        else presenting.parse_validity(args.valid_for)
    )
    with _open(args) as store:
        items = [store.credentials.get(i) for i in args.ids]
        if args.reveal is not None and len(items) != 1:
            raise UsageError(
                M("--reveal chooses the fields of one credential: present it on its own")
            )
        presented = presenting.present(
            store,
            [(item, args.reveal) for item in items],
            challenge=args.challenge,
            domain=args.domain,
            valid_minutes=minutes,
        )
    texts = presented.texts
    if args.sheet is not None:
        page = sheet.sheet_of(presented.presentation, texts, made=dt.datetime.now(dt.UTC))
        written = sheet.write_sheet(page, args.sheet)
        _line(
            out,
            M("wrote {path} (a proof sheet with one QR code)", path=str(written))
            if len(texts) == 1
            else M(
                "wrote {path} (a proof sheet with {count} QR codes)",
                path=str(written),
                count=len(texts),
            ),
        )
    outputs = (
        []
        if args.qr is None
        else [args.qr]
        if len(texts) == 1
        else [
            args.qr.with_name(f"{args.qr.stem}-{n}{args.qr.suffix or '.png'}")
            for n in range(1, len(texts) + 1)
        ]
    )
    for text, path in zip(texts, outputs, strict=False):
        version = qr.make_qr_png(text, path)
        _line(
            out,
            M(
                "wrote {path} (QR version {version}, error correction M)",
                path=str(path),
                version=version,
            ),
        )
    until = presented.expires_at
    _line(
        out,
        M("The presentation is valid until {moment}.", moment=until)
        if until is not None
        else M(
            "The presentation does not expire: the issuer bound the credential to no key of yours."
        ),
    )
    if args.json is not None:
        args.json.write_text(presented.text, encoding="utf-8")
    return EXIT_OK


def cmd_check_qr(args: argparse.Namespace, out: TextIO) -> int:
    """An employer's check: read the codes, put the presentation together, verify it offline.
    No wallet is needed; with --wallet, its trusted issuers and cached status lists are used
    too (read only), as in the window."""
    from wallet.actions import checking
    from wallet.verify.report import FAILED, UNKNOWN_VERDICT

    at = _at(args)
    texts = checking.read_texts(checking.QrInput(paths=[str(p) for p in args.images]))
    if not texts:
        raise UsageError(M("no QR code found in the image(s)"))
    with _open(args) if args.wallet is not None else contextlib.nullcontext() as store:
        result = checking.check_qr_texts(
            store, texts, challenge=args.challenge, domain=args.domain, at=at
        )
    report, verdict = result.report, result.verdict
    if args.json:
        _emit(out, result.to_json())
    else:
        _print_report(out, report, M("Presentation"))
        _line(out, M("Overall: {verdict}", verdict=verdict.upper()))
    return EXIT_ITEM_FAILED if verdict in (FAILED, UNKNOWN_VERDICT) else EXIT_OK


def _backup_passphrase(*, confirm: bool) -> str:
    env = os.environ.get(BACKUP_PASSPHRASE_ENV)
    if env:
        return env
    if not sys.stdin.isatty():
        raise UsageError(M("no backup passphrase given: set {env}", env=BACKUP_PASSPHRASE_ENV))
    return _prompt(M("Backup passphrase: "), confirm=confirm)


def cmd_backup(args: argparse.Namespace, out: TextIO) -> int:
    from wallet.actions import backups

    with _open(args) as store:
        done = backups.back_up(store, args.out, _chosen(_backup_passphrase(confirm=True)))
    _line(
        out,
        M("backed up {n} credentials into {path}", n=done.count, path=str(args.out)),
    )
    return EXIT_OK


def _accept_trust(args: argparse.Namespace, offer: TrustOffer, out: TextIO) -> bool:
    """--accept-trust, or the learner's yes in a terminal to one question naming every issuer
    and registry the backup would add; no otherwise (nothing to ask about: no)."""
    if not offer or args.accept_trust:
        return bool(offer)
    if not sys.stdin.isatty():
        return False
    if offer.issuers:
        _line(out, M("The backup trusts these issuers, which this wallet does not:"))
        for iid, name in offer.issuers:
            out.write(f"  {terminal_safe(name or '')}  <{terminal_safe(iid)}>\n")
    if offer.registries:
        _line(
            out, M("The backup subscribes to these issuer registries, which this wallet does not:")
        )
        for registry in offer.registries:
            _line(out, registry.line(), indent="  ")
        _line(
            out,
            M(
                "Each is added with the copy the backup keeps of it; nothing is fetched "
                "(`learner-wallet registry refresh` fetches them anew)."
            ),
        )
    out.flush()
    if not offer.registries:
        return _said_yes(M("Trust them too? Only if you recognise every one [y/N] "))
    if not offer.issuers:
        return _said_yes(M("Subscribe to them too? Only if you recognise every one [y/N] "))
    return _said_yes(
        M(
            "Trust these issuers and subscribe to these registries too? Only if you "
            "recognise every one [y/N] "
        )
    )


def cmd_restore(args: argparse.Namespace, out: TextIO) -> int:
    """Restore into the wallet; a wallet made for the restore is removed again if it fails.
    The backup's trusted issuers and registry subscriptions the wallet lacks are added only
    when the learner accepts them (asked once, before anything is written)."""
    from wallet.actions import backups
    from wallet.store import WalletStore

    path = _wallet_path(args)
    checked = backups.read_backup(args.backup, _backup_passphrase(confirm=False))  # before writes

    def accept(offer: TrustOffer) -> bool:
        return _accept_trust(args, offer, out)

    if path.exists():
        with _open(args) as store:
            summary = backups.restore_backup(store, checked, accept_trust=accept)
    else:
        store = WalletStore.create(path, _read_passphrase(args, confirm=True))
        try:
            summary = backups.restore_backup(store, checked, accept_trust=accept)
        except BaseException:
            store.close()
            for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}.lock")):
                with contextlib.suppress(OSError):
                    leftover.unlink()
            raise
        store.close()
    _line(out, M("restored into {path}: {summary}", path=str(path), summary=summary.line()))
    if summary.offered_issuers:
        _line(
            out,
            M(
                "To trust one of them: `learner-wallet trust add ISSUER_ID`; or restore "
                "again with --accept-trust to trust them all."
            ),
        )
    if summary.offered_registries:
        _line(
            out,
            M(
                "To subscribe to one of them: `learner-wallet registry add URL` (fetched "
                "anew); or restore again with --accept-trust to add them all."
            ),
        )
    return EXIT_OK


def cmd_export(args: argparse.Namespace, out: TextIO) -> int:
    """A portfolio of the credentials the learner chose, in one format (wallet.export)."""
    from wallet.actions import exporting
    from wallet.export import ExportOptions

    ways = sum((args.collection is not None, args.stack is not None, bool(args.ids), args.all))
    if ways != 1:
        raise UsageError(
            M(
                "choose what to export with one of --collection C, --stack S, --all or "
                "credential ids"
            )
        )
    writer = None
    if args.format == "pdf":
        from wallet.ui.pdf_export import write_pdf

        writer = write_pdf
    options = ExportOptions(
        args.format,
        args.out,
        name=args.name,
        summary=args.summary,
        verify=not args.no_verify,
        pdf_writer=writer,
        include_unverified=args.include_unverified,
    )
    with _open(args) as store:
        result = exporting.export(
            store,
            options,
            collection=args.collection,
            stack=args.stack,
            ids=args.ids,
            everything=args.all,
        )
    for path in result.written:
        _line(out, M("wrote {path}", path=str(path)))
    for note in result.notes:
        _line(out, M("note: {note}", note=note))
    if result.count == 1:
        _line(out, M("exported 1 credential"))
    else:
        _line(out, M("exported {n} credentials", n=result.count))
    return EXIT_OK


def _at(args: argparse.Namespace) -> _dt.datetime | None:
    """The moment `--at` names (a check judged as of then), None without it; a value that is
    no time is a usage error naming it."""
    from wallet.verify.checks import parse_time

    if args.at is None:
        return None
    at = parse_time(args.at)
    if at is None:
        raise UsageError(
            M(
                "--at {value} is not an ISO 8601 time (e.g. 2027-01-31T12:00Z)",
                value=repr(args.at),
            )
        )
    return at


def _said_yes(question: Msg) -> bool:
    """The person's answer to `question` at the terminal: yes in English or their language."""
    answer = input(say(question))
    return answer.strip().lower() in ("y", "yes", render(M("y")), render(M("yes")))


def _agreed(out: TextIO, yes: bool, question: Msg, nobody: Msg) -> bool:
    """--yes, else the person's answer in a terminal; with no one to ask, no (`nobody` says
    so), as a command run from a script must never send anything unasked."""
    if yes:
        return True
    if not sys.stdin.isatty():
        _line(out, nobody)
        return False
    return _said_yes(question)


def cmd_remove(args: argparse.Namespace, out: TextIO) -> int:
    """Delete credentials for good, after a yes typed in a terminal (or --yes): one line per
    credential gone, bundled items included. An unknown id deletes nothing."""
    from wallet.actions import credentials as credential_actions

    with _open(args) as store:
        ids = [store.credentials.resolve(cid) for cid in args.ids]  # NotFound: nothing deleted
        wanted = {s.id: s.title for s in store.credentials.summaries_of(ids)}
        if not args.yes:
            for cid in dict.fromkeys(ids):
                _line(out, M("would delete: {id}  {title}", id=cid, title=wanted.get(cid, "")))
            out.flush()
        if not _agreed(
            out,
            args.yes,
            M("Delete these credentials for good? [y/N] "),
            M("nothing deleted: nobody to ask here; add --yes to delete without asking"),
        ):
            return EXIT_ITEM_FAILED
        deleted = credential_actions.delete_credentials(store, ids)
        for cid, title in zip(deleted.removed, deleted.titles, strict=True):
            _line(out, M("deleted {id}  {title}", id=cid, title=title))
    return EXIT_OK


def cmd_receive(args: argparse.Namespace, out: TextIO) -> int:
    """Receive from an issuer's offer or exchange: the issuer is shown and the learner asked
    (or --yes) before the wallet sends anything that redeems the offer. An exchange that asks
    to see credentials is only answered on a yes typed here (--yes does not cover that)."""
    import webbrowser

    from wallet.actions.exchanging import Asked, receive_exchange
    from wallet.actions.receiving import Offered, collect_pending
    from wallet.importer import FAILED, ItemResult

    if args.offer is None and not args.pending:
        raise UsageError(M("name an offer or link to receive from, or use --pending"))

    def share(asked: Asked) -> bool:
        _line(out, M("The exchange at {host} asks to see your credentials:", host=asked.host))
        for reason in asked.reasons:
            _line(out, M("it says: {text}", text=reason), "  ")
        for title in asked.credentials:
            _line(out, M("would share: {credential}", credential=title), "  ")
        out.flush()
        return _agreed(
            out,
            False,  # --yes does not cover showing credentials to an exchange
            M("Share these credentials with it? [y/N] "),
            M("not shared: nobody to ask here; run this in a terminal to decide"),
        )

    def confirm(offered: Offered | Asked) -> bool:
        if isinstance(offered, Asked):
            return share(offered)
        if offered.name:
            _line(out, M("Issuer: {name}, at {host}", name=offered.name, host=offered.host))
        else:
            _line(out, M("Issuer at {host} (it gives no name)", host=offered.host))
        if offered.trusted:
            _line(out, M("on your list of trusted issuers"), "  ")
        else:
            _line(out, M("not on your list of trusted issuers"), "  ")
        if offered.signed_by:
            _line(out, M("its metadata is signed by {did}", did=offered.signed_by), "  ")
        for name in offered.credentials:
            _line(out, M("offers: {credential}", credential=name), "  ")
        if offered.sign_in:
            _line(out, M("after your yes, you sign in at the issuer in your browser"), "  ")
        out.flush()
        return _agreed(
            out,
            args.yes,
            M("Receive from this issuer? [y/N] "),
            M("not received: nobody to ask here; add --yes to receive without asking"),
        )

    def ask_tx_code(offered: Offered) -> str | None:
        if not sys.stdin.isatty() or offered.tx_code is None:
            return None
        if offered.tx_code.description:
            _line(out, M("The issuer says: {text}", text=offered.tx_code.description))
        return getpass.getpass(render(M("Transaction code: "))).strip() or None

    def report(result: ItemResult) -> None:
        _line(out, result.line())
        out.flush()

    def open_browser(url: str) -> bool:
        _line(
            out,
            M("Sign in at the issuer in your browser; if it does not open, go to {url}", url=url),
        )
        out.flush()
        return webbrowser.open(url)

    with _open(args) as store:
        # Credentials an issuer promised earlier come first, whatever is received now.
        collected = collect_pending(store, progress=report, log=_log_error)
        if args.offer is None:
            if not collected.results:
                _line(out, M("no credentials are waiting to be delivered"))
            failed = any(r.status == FAILED for r in collected)
            return EXIT_ITEM_FAILED if failed else EXIT_OK
        received = receive_exchange(
            store,
            args.offer,
            tx_code=args.tx_code,
            confirm=confirm,
            ask_tx_code=ask_tx_code,
            progress=report,
            log=_log_error,
            open_browser=open_browser,
        )
    if received.declined:
        _line(out, M("nothing was sent to the issuer"))
        return EXIT_ITEM_FAILED
    failed = not received.results or any(r.status == FAILED for r in received)
    return EXIT_ITEM_FAILED if failed else EXIT_OK


def cmd_respond(args: argparse.Namespace, out: TextIO) -> int:
    """Answer a verifier's request (OpenID4VP): who asks, why, and exactly what each chosen
    credential would reveal are shown, then the learner is asked (or --yes) before anything
    is sent; --pick chooses among several matching credentials."""
    from wallet.actions.responding import Asked, Picks, picks_from, respond

    def decide(asked: Asked) -> Picks | None:
        if asked.name:
            _line(out, M("Verifier: {name}, at {host}", name=asked.name, host=asked.host))
        else:
            _line(out, M("Verifier at {host} (it gives no name)", host=asked.host))
        _line(out, M("it proves to be {client}", client=asked.client_id), "  ")
        for subject in asked.certificates[:1]:
            _line(out, M("its certificate: {subject}", subject=subject), "  ")
        if asked.trusted:
            _line(out, M("on your list of trusted issuers"), "  ")
        for purpose in asked.purposes:
            _line(out, M("it says why: {text}", text=purpose), "  ")
        picks = picks_from(asked, args.pick or [])
        for wanted in asked.wanted:
            for option in wanted.options:
                chosen = option.credential_id in picks.get(wanted.query_id, [])
                _line(
                    out,
                    M("would show: {title} ({id})", title=option.title, id=option.credential_id[:8])
                    if chosen
                    else M(
                        "could show instead: {title} ({id})",
                        title=option.title,
                        id=option.credential_id[:8],
                    ),
                    "  ",
                )
                if chosen and option.whole:
                    _line(
                        out,
                        M("revealing the whole credential (it cannot be shown in part)"),
                        "    ",
                    )
                elif chosen:
                    what = messages.join(list(option.said), ", ")
                    _line(out, M("revealing: {what}", what=what), "    ")
        out.flush()
        agreed = _agreed(
            out,
            args.yes,
            M("Show this to the verifier? [y/N] "),
            M("not sent: nobody to ask here; add --yes to answer without asking"),
        )
        return picks if agreed else None

    with _open(args) as store:
        responded = respond(store, args.request, decide=decide)
    if responded.declined:
        _line(out, M("nothing was shown to the verifier; it was told you said no"))
        return EXIT_ITEM_FAILED
    _line(out, M("the verifier accepted the presentation"))
    return EXIT_OK


COMMANDS = {
    "init": cmd_init,
    "import": cmd_import,
    "list": cmd_list,
    "show": cmd_show,
    "verify": cmd_verify,
    "trust": cmd_trust,
    "registry": cmd_registry,
    "trusted-lists": cmd_trusted_lists,
    "stacks": cmd_stacks,
    "stack": cmd_stack,
    "present": cmd_present,
    "check-qr": cmd_check_qr,
    "passwd": cmd_passwd,
    "backup": cmd_backup,
    "restore": cmd_restore,
    "export": cmd_export,
    "receive": cmd_receive,
    "respond": cmd_respond,
    "shared": cmd_shared,
    "remove": cmd_remove,
}


def _log_crash() -> Path | None:
    try:
        log = paths.log_dir() / "crash.log"
        paths.append_log(
            log,
            f"--- {_dt.datetime.now().isoformat()} learner-wallet "
            f"{__version__}\n{traceback.format_exc()}",
        )
        return log
    except OSError:
        return None


# What the desktop file hands over besides files: file: addresses, issuers' links and
# verifiers' requests.
LAUNCH_SCHEMES = (
    "file:",
    "openid-credential-offer:",
    "dccrequest:",
    "org.dcconsortium:",
    "interaction:",
    "web+interaction:",
    "openid4vp:",
    "haip-vp:",
    "eudi-openid4vp:",
)


def _files_mean_gui(argv: list[str]) -> list[str]:
    """`learner-wallet FILE...` (a double-click: the .desktop Exec line) is `gui FILE...`.
    Only when the first word after the global options is an existing file, a `file:` address or
    an issuer's link (`openid-credential-offer:`, `dccrequest:`, `org.dcconsortium:`,
    `interaction:`, which the .desktop file registers), not a command."""
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        i += 2 if argv[i] in ("--wallet", "--passphrase-file") else 1
    if (
        i < len(argv)
        and argv[i] not in COMMANDS
        and argv[i] not in ("gui", "demo", "self-test", "verifier")
        and (os.path.isfile(argv[i]) or argv[i].lower().startswith(LAUNCH_SCHEMES))
    ):
        return [*argv[:i], "gui", *argv[i:]]
    return argv


def main(argv: list[str] | None = None, out: TextIO | None = None) -> int:
    out = cast(TextIO, _TerminalOut(out or sys.stdout))
    messages.set_language(messages.language_from_environment())  # the words follow the locale
    parser = _parser()
    args = parser.parse_args(_files_mean_gui(list(sys.argv[1:] if argv is None else argv)))
    command = args.command or "gui"
    paths.secure_own_folders()  # made 0755 by an earlier version: the learner's alone
    try:
        if command in ("gui", "demo"):
            return cmd_gui(args, out, demo_mode=command == "demo")
        if command == "verifier":  # an employer's window: no wallet, no passphrase
            from wallet.ui.app import run_verifier  # Qt is loaded only when a window is wanted

            return run_verifier([str(f) for f in args.files], screenshot=args.screenshot)
        if command == "self-test":
            from wallet import selftest

            return selftest.run(out, qt=qt_self_check)
        return COMMANDS[command](args, out)
    except WalletError as e:
        sys.stderr.write(f"learner-wallet: {say(e.msg)}\n")
        return EXIT_ERROR
    except KeyboardInterrupt:
        sys.stderr.write(f"learner-wallet: {say(M('interrupted'))}\n")
        return EXIT_ERROR
    except BrokenPipeError:  # `learner-wallet list | head`: the reader stopped; not an error
        with contextlib.suppress(OSError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as e:  # the last line of defence: a person never sees a traceback
        log = _log_crash()
        said = (
            M("internal error ({kind}); details in {log}", kind=type(e).__name__, log=str(log))
            if log
            else M("internal error ({kind})", kind=type(e).__name__)
        )
        sys.stderr.write(f"learner-wallet: {say(said)}\n")
        return EXIT_ERROR


if __name__ == "__main__":
    sys.exit(main())
