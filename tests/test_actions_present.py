"""Issue 14, "Use cases, once", last parts: presenting chosen credentials and exporting a
portfolio, each on a real wallet, and the command line and the window reaching the same
function for each."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.export.test_dialog import run_export
from tests.test_actions import Recorder
from tests.test_actions_more import run_cli, store, wallet_path  # noqa: F401 - fixtures
from wallet.actions import exporting, importing, presenting
from wallet.export import ExportOptions
from wallet.present import qr
from wallet.store import WalletStore

# ----- presenting -------------------------------------------------------------------------------


def test_present_signs_with_the_wallets_holder_key(store: WalletStore) -> None:  # noqa: F811
    assert store.keys.default() is None
    chosen = [(store.credentials.get(s.id), None) for s in store.credentials.summaries()[:2]]
    presented = presenting.present(store, chosen, challenge="job-7", domain="employer.example")
    holder = presenting.holder_key(store)
    assert store.keys.default() == holder.did  # made once, then reused
    vp = presented.presentation
    assert vp["holder"] == holder.did and vp["proof"]["challenge"] == "job-7"
    assert len(vp["verifiableCredential"]) == 2
    assert presented.texts and qr.decode(list(presented.texts)) == vp
    assert json.loads(presented.text) == vp
    again = presenting.present(None, chosen[:1], holder=holder)
    assert again.presentation["holder"] == holder.did
    with pytest.raises(TypeError):
        presenting.present(None, chosen[:1])


def test_cli_present_and_share_dialog_reach_the_same_function(
    run_cli: Any,  # noqa: F811
    store: WalletStore,  # noqa: F811
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from wallet.ui.share_dialog import ShareDialog

    presented = Recorder(monkeypatch, presenting, "present")
    first = store.credentials.summaries()[0].id
    code, text = run_cli("present", first, "--qr", str(tmp_path / "code.png"))
    assert code == 0 and "wrote" in text and (tmp_path / "code-1.png").exists()

    dialog = ShareDialog(store, [first])
    qtbot.addWidget(dialog)
    qtbot.waitUntil(dialog.is_settled, timeout=30_000)
    assert dialog.built is not None and dialog.built.texts
    assert dialog.built.presentation["holder"] == store.keys.default()
    assert len(presented.calls) >= 2
    assert [[c.id for c, _ in call[0]] for call in presented.calls[:2]] == [[first], [first]]


# ----- exporting --------------------------------------------------------------------------------


def test_export_writes_the_chosen_credentials(store: WalletStore, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "all.json"
    result = exporting.export(store, ExportOptions("json", out, verify=False), everything=True)
    assert result.count == 3 and result.written == [out] and out.exists()
    one = store.credentials.summaries()[0]
    page = tmp_path / "one.html"
    result = exporting.export(store, ExportOptions("html", page, name="Aroha"), ids=[one.id])
    assert result.count == 1 and one.title in page.read_text("utf-8")
    from wallet.export import SelectionError

    with pytest.raises(SelectionError):
        exporting.export(store, ExportOptions("html", page))


def test_cli_export_and_export_dialog_reach_the_same_function(
    run_cli: Any,  # noqa: F811
    store: WalletStore,  # noqa: F811
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from wallet.ui.export_dialog import ExportDialog

    exported = Recorder(monkeypatch, exporting, "export")
    cli_out, window_out = tmp_path / "cli.json", tmp_path / "window.json"
    code, text = run_cli("export", "--all", "--format", "json", str(cli_out))
    assert code == 0 and "exported 3 credentials" in text

    first = store.credentials.summaries()[0].id
    dialog = ExportDialog(store, [first])
    qtbot.addWidget(dialog)
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("json"))
    dialog.path_edit.setText(str(window_out))
    assert "Exported 1 credential(s)" in run_export(qtbot, dialog)
    assert [(call[0].fmt, call[0].out) for call in exported.calls] == [
        ("json", cli_out),
        ("json", window_out),
    ]
    assert cli_out.exists() and window_out.exists()


# ----- importing what the window is given: texts, QR images ------------------------------------


def test_import_request_reads_texts_and_qr_images(store: WalletStore, tmp_path: Path) -> None:  # noqa: F811
    from tests.ui.test_import_flow import JWT_FILE, qr_png
    from wallet.importer import FAILED, IMPORTED

    jwt = qr_png(tmp_path / "badge.png", JWT_FILE.read_text().strip())
    url = qr_png(tmp_path / "url.png", "https://issuer.example/badge/1")
    http = qr_png(tmp_path / "http.png", "ftp://issuer.example/badge/1")
    request = importing.ImportRequest(
        texts=[("pasted", "not a credential")],
        images=[
            importing.QrImage("badge.png", path=str(jwt)),
            importing.QrImage("url.png", path=str(url)),
        ],
    )
    results: list[Any] = []
    found: list[tuple[str, str]] = []
    importing.import_request(
        store, request, progress=results.append, cancelled=lambda: False, found=found
    )
    assert [(r.source, r.status) for r in results] == [
        ("pasted", FAILED),
        ("QR code in badge.png", IMPORTED),
    ]
    assert found == [("https://issuer.example/badge/1", "the QR code in url.png")]
    lines: list[Any] = []
    importing.import_qr(
        store, importing.QrImage("url.png", path=str(url)), lines.append, lambda: False
    )
    importing.import_qr(
        store, importing.QrImage("h.png", path=str(http)), lines.append, lambda: False
    )
    importing.import_qr(store, importing.QrImage("none", data=b"junk"), lines.append, lambda: False)
    assert [r.status for r in lines] == [FAILED, FAILED, FAILED]
    assert (
        lines[0].message.startswith("not fetched")
        and "not https" in lines[1].message
        and lines[2].message == "not an image this app can read"
    )
    with pytest.raises(importing.QrProblem):
        importing.decode_qr(importing.QrImage("none", data=b"junk"))


def test_the_windows_import_reaches_the_use_case(
    store: WalletStore,  # noqa: F811
    tmp_path: Path,
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.ui.test_import_flow import JWT_FILE, qr_png, wait_for_results
    from wallet.ui.import_flow import ImportController
    from wallet.ui.main_window import MainWindow

    requested = Recorder(monkeypatch, importing, "import_request")
    window = MainWindow(store)
    qtbot.addWidget(window)
    controller = ImportController(window, lambda: window.store)
    image = qr_png(tmp_path / "badge-qr.png", JWT_FILE.read_text().strip())
    controller.choose_qr_image = lambda: str(image)  # type: ignore[method-assign]
    try:
        controller.qr_action.trigger()
        dialog = wait_for_results(qtbot, controller)
        assert [r.status for r in dialog.results] == ["imported"]
    finally:
        controller.forget()
    [(request,)] = requested.calls
    assert [i.label for i in request.images] == ["badge-qr.png"]
