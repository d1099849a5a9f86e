"""The HTML portfolio as a reader gets it: opened in headless Chromium, offline, printable."""

from __future__ import annotations

import base64
import html
import http.server
import re
import threading
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from wallet.export import ExportOptions, export, select_ids
from wallet.export.portfolio import VERDICT_WORDS
from wallet.store import WalletStore

from .helpers import add_json, chromium, program, reimport, signed_ob3

NAME = "Aroha Demo-Learner"
SUMMARY = "Apprentice builder and data analyst, Whanganui."


class Page(HTMLParser):
    """What a test reads from the DOM Chromium dumped: text, headings, images, downloads."""

    def __init__(self, dom: str) -> None:
        super().__init__()
        self.text: list[str] = []
        self.headings: list[tuple[str, str]] = []
        self.images: list[dict[str, str | None]] = []
        self.downloads: list[tuple[str, str]] = []  # (file name, data: URI)
        self._heading: str | None = None
        self.feed(dom)
        self.words = " ".join(" ".join(self.text).split())

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if re.fullmatch(r"h[1-6]", tag):
            self._heading = tag
            self.headings.append((tag, ""))
        elif tag == "img":
            self.images.append(a)
        elif tag == "a" and a.get("download"):
            self.downloads.append((a["download"] or "", a.get("href") or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == self._heading:
            self._heading = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._heading is not None:
            tag, text = self.headings[-1]
            self.headings[-1] = (tag, text + data)


def dump_dom(path: Path, tmp_path: Path) -> Page:
    return Page(chromium(["--dump-dom", path.as_uri()], tmp_path))


def export_demo_html(store: WalletStore, out: Path) -> None:
    export(
        store,
        select_ids(store, everything=True),
        ExportOptions("html", out, name=NAME, summary=SUMMARY, include_unverified=True),
    )


def test_html_opens_in_chromium_with_everything_a_reader_needs(
    demo_store: WalletStore, tmp_path: Path
) -> None:
    out = tmp_path / "portfolio.html"
    export_demo_html(demo_store, out)
    page = dump_dom(out, tmp_path)

    assert [t for t, _ in page.headings].count("h1") == 1
    assert page.headings[0] == ("h1", f"{NAME}: portfolio")
    assert SUMMARY in page.words
    h2 = [text for tag, text in page.headings if tag == "h2"]
    assert h2[:3] == ["Contents", "Progress toward larger awards", "Credentials"]
    h3 = {text for tag, text in page.headings if tag == "h3"}
    records = demo_store.credentials.records()
    for cred in records.values():
        assert cred.title in h3, cred.title
        for outcome in cred.learning_outcomes:
            assert " ".join(outcome.split()) in page.words
        if cred.credits is not None:
            assert f"{cred.credits.value:g} {cred.credits.unit}" in page.words
        if cred.level is not None:
            assert f"{cred.level.framework} level {cred.level.value}" in page.words
    assert "Issued by Demo Polytechnic (DEMO ISSUER — not a real institution)" in page.words
    assert "Made from the demo wallet" in page.words
    verdicts = set(demo_store.checks.verdicts().values())
    for verdict in verdicts:  # the demo holds verified, warning, failed and unknown ones
        assert str(VERDICT_WORDS[verdict]) in page.words
    assert {"verified", "failed", "warning", "unknown"} <= verdicts
    assert "checked offline" in page.words
    # stack progress, computed from what was exported
    assert "New Zealand Certificate in Applied Digital Skills (Level 5) — DEMO" in h3
    assert "81% complete; 25 of 40 NZQF credits" in page.words
    assert "Still needed" in page.words
    # every picture has alt text; the one badge image is the baked PNG itself
    assert page.images and all(img.get("alt") for img in page.images)
    assert all((img.get("src") or "").startswith("data:image/") for img in page.images)
    assert len(page.downloads) == len(records)

    shot = tmp_path / "portfolio.png"
    chromium([f"--screenshot={shot}", "--window-size=1280,2000", out.as_uri()], tmp_path)
    with Image.open(shot, formats=["PNG"]) as im:
        assert im.size == (1280, 2000)
        # a rendered page, not a blank one: many colours (text, header, badges)
        assert len(im.convert("RGB").getcolors(1 << 20) or []) > 50


def test_html_prints(demo_store: WalletStore, tmp_path: Path) -> None:
    """Printing gives every title, and leaves the long signed originals to the file."""
    out = tmp_path / "portfolio.html"
    export_demo_html(demo_store, out)
    pdf = tmp_path / "printed.pdf"
    chromium(["--no-pdf-header-footer", f"--print-to-pdf={pdf}", out.as_uri()], tmp_path)
    pdftotext = program("pdftotext", package="poppler-utils")
    import subprocess

    text = subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = " ".join(text.split())
    for cred in demo_store.credentials.records().values():
        assert cred.title in words
    assert "Download the signed original" not in words
    assert "The signed original of this credential is inside the HTML file" in words


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[str]]]:
    """A web server on 127.0.0.1 that records every request path it gets."""
    seen: list[str] = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            seen.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def test_html_makes_no_network_request(
    demo_store: WalletStore, tmp_path: Path, recorder: tuple[str, list[str]]
) -> None:
    base, seen = recorder
    with urllib.request.urlopen(f"{base}/sanity") as reply:  # the recorder works
        assert reply.status == 200
    hostile = f'Pixel <img src="{base}/injected.png"> <script>alert(1)</script>'
    cid = add_json(
        demo_store,
        signed_ob3(hostile, image=f"{base}/tracking-pixel.png"),
        tmp_path,
        "remote-image.json",
    )
    out = tmp_path / "portfolio.html"
    export(demo_store, [cid], ExportOptions("html", out, name=NAME))

    page = dump_dom(out, tmp_path)
    shot = tmp_path / "remote.png"
    chromium([f"--screenshot={shot}", "--window-size=1280,1400", out.as_uri()], tmp_path)

    assert seen == ["/sanity"], seen  # the page asked the server for nothing
    assert hostile in page.words  # shown as text, not markup
    assert page.images == []  # a placeholder, not the remote picture
    assert html.escape(f"No image for {hostile}") in out.read_text("utf-8")
    assert "<script" not in out.read_text("utf-8")


def _data(uri: str) -> bytes:
    head, _, body = uri.partition(",")
    assert head.endswith(";base64"), head
    return base64.b64decode(body)


def test_embedded_originals_reimport_and_verify_the_same(
    demo_store: WalletStore, tmp_path: Path
) -> None:
    out = tmp_path / "portfolio.html"
    export_demo_html(demo_store, out)
    page = Page(out.read_text("utf-8"))
    folder = tmp_path / "saved"
    folder.mkdir()
    files = []
    for name, uri in page.downloads:
        path = folder / name
        path.write_bytes(_data(uri))
        files.append(path)
    again = reimport(demo_store, files, tmp_path / "fresh.lwallet")
    assert again == demo_store.checks.verdicts()  # same ids (same bytes), same verdicts
    for path in files:  # byte for byte the originals the wallet keeps
        cid = path.stem.rsplit("-", 1)[1]
        assert path.read_bytes() == demo_store.credentials.get(cid).original
