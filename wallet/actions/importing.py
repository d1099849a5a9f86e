"""Import, then verify offline: what every front end does with a new credential."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from wallet.importer import FAILED, IMPORTED, ItemResult, import_sources, import_text
from wallet.sources import is_url
from wallet.store import WalletStore

Log = Callable[[str], None]

MAX_QR_IMAGE_BYTES = 32 * 1024 * 1024  # a photo of a QR code, not a film


# ----- what the window asks to import: files, text, QR images ---------------------------------


@dataclass
class QrImage:
    """An image to look for QR codes in: a file the person chose, or pasted image bytes."""

    label: str
    path: str | None = None
    data: bytes | None = None


@dataclass
class ImportRequest:
    """One import the person asked for: sources the core reads (paths, folders, zips, https
    URLs), pasted or dropped text, QR images, and inputs refused before any reading."""

    specs: list[str] = field(default_factory=list)
    texts: list[tuple[str, str]] = field(default_factory=list)  # (label, text)
    images: list[QrImage] = field(default_factory=list)
    refused: list[ItemResult] = field(default_factory=list)
    # Addresses found in QR codes that the person agreed to fetch: (url, where it was found).
    addresses: list[tuple[str, str]] = field(default_factory=list)

    def is_empty(self) -> bool:
        return not (self.specs or self.texts or self.images or self.refused or self.addresses)

    def estimated_items(self) -> int:
        """How many result lines to expect, for the progress bar (zips may add more)."""
        n = len(self.texts) + len(self.images) + len(self.refused) + len(self.addresses)
        for spec in self.specs:
            n += _count_files(spec)
        return max(n, 1)


def _count_files(spec: str) -> int:
    if is_url(spec):
        return 1
    path = Path(spec)
    if not path.is_dir():
        return 1
    try:
        return max(
            1,
            sum(
                1
                for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ),
        )
    except OSError:
        return 1


def decode_qr(image: QrImage) -> list[str]:
    """The texts of every QR code in the image, in reading order; raises QrProblem."""
    try:
        import zxingcpp
    except ImportError:
        raise QrProblem(
            "reading QR codes needs the zxing-cpp package, which is not installed"
        ) from None
    from wallet.images import ImageRefused, UnsupportedImage, open_image
    from wallet.present.qr import IMAGE_FORMATS, MAX_IMAGE_PIXELS

    try:
        if image.data is not None:
            raw = image.data
        else:
            assert image.path is not None
            size = os.path.getsize(image.path)
            if size > MAX_QR_IMAGE_BYTES:
                raise QrProblem(f"the image is {size // (1024 * 1024)} MiB, too large to read")
            with open(image.path, "rb") as fh:
                raw = fh.read(MAX_QR_IMAGE_BYTES + 1)
        # Only picture formats (never EPS: Pillow would run Ghostscript), size checked from
        # the header before any pixel is decoded.
        with open_image(io.BytesIO(raw), IMAGE_FORMATS, MAX_IMAGE_PIXELS) as img:
            gray = img.convert("L")
    except UnsupportedImage:
        raise QrProblem("not an image this app can read") from None
    except ImageRefused as e:
        raise QrProblem(e.message) from None
    except FileNotFoundError:
        raise QrProblem("no such file") from None
    except OSError as e:
        raise QrProblem(f"cannot read the image: {e.strerror or e}") from None
    except ValueError as e:
        raise QrProblem(f"cannot read the image ({e})") from None
    try:
        found = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)  # type: ignore[arg-type]
    except Exception as e:  # the decoder's own errors carry no fixed type across versions
        raise QrProblem(f"the QR decoder could not read the image ({e})") from None
    texts = [r.text for r in found if getattr(r, "valid", True) and r.text]
    if not texts:
        raise QrProblem("no QR code found in the image")
    return texts


class QrProblem(Exception):
    """A QR image that gave nothing to import; the message is fit to show."""


def verify_new(
    store: WalletStore,
    ids: Iterable[str],
    *,
    step: Callable[[int, int], None] | None = None,
    log: Log | None = None,
) -> dict[str, str]:
    """Verify freshly imported credentials offline and keep their reports: id -> verdict.

    One credential's trouble (a verifier bug) is logged and does not stop the others: those
    stay "not checked yet", as the window shows them. `step(done, total)` reports progress and
    may raise to cancel."""
    from wallet.verify.verifier import context_for_store, verify_stored

    wanted = list(ids)
    verdicts: dict[str, str] = {}
    ctx = context_for_store(store, online=False)
    for i, cid in enumerate(wanted):
        if step is not None:
            step(i, len(wanted))
        try:
            verdicts[cid] = verify_stored(store, cid, ctx).verdict
        except Exception as e:  # noqa: BLE001 - a verifier bug must not hide the other badges
            if log is not None:
                log(f"verifying {cid} after import: {type(e).__name__}: {e}")
    return verdicts


def import_and_verify(
    store: WalletStore,
    specs: list[str],
    *,
    stdin: BinaryIO | None = None,
    progress: Callable[[ItemResult], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    allow_loopback: bool = True,
    log: Log | None = None,
) -> list[ItemResult]:
    """Import every source and verify each new credential offline as it goes in, so the
    result line carries its verdict (`ItemResult.verdict`) and the wallet keeps the report."""

    def each(result: ItemResult) -> None:
        if result.status == IMPORTED and result.id:
            result.verdict = verify_new(store, [result.id], log=log).get(result.id)
        if progress is not None:
            progress(result)

    return import_sources(
        store, specs, stdin=stdin, progress=each, cancelled=cancelled, allow_loopback=allow_loopback
    )


def import_request(
    store: WalletStore,
    request: ImportRequest,
    *,
    progress: Callable[[ItemResult], None],
    cancelled: Callable[[], bool],
    status: Callable[[str], None] | None = None,
    found: list[tuple[str, str]] | None = None,
    where_found: Callable[[str], str] = lambda where: f"the QR code in {where}",
    unfetched: Callable[[str], ItemResult] | None = None,
) -> None:
    """Carry out the window's `request` on `store`: refused inputs, sources, agreed addresses,
    texts, then QR images, each result to `progress` as it comes; stops when `cancelled()`.
    `status(text)` hears what is being fetched. Web addresses in QR codes are never fetched
    here: they go into `found` as (url, `where_found(image label)`), or without `found` each
    becomes the line `unfetched(url)`. The front end words those two (the window translates
    them)."""
    say = status or (lambda _text: None)
    for refused in request.refused:
        progress(refused)
    if request.specs and not cancelled():
        say(_fetching(request.specs))
        import_sources(store, request.specs, progress=progress, cancelled=cancelled)
    for url, where in request.addresses:
        if cancelled():
            break
        say(f"downloading {url}")
        fetch_address(store, url, where, progress, cancelled)
    for label, text in request.texts:
        if cancelled():
            break
        progress(import_text(store, text, label))
    for image in request.images:
        if cancelled():
            break
        import_qr(
            store, image, progress, cancelled, found, where_found=where_found, unfetched=unfetched
        )


def _fetching(specs: list[str]) -> str:
    urls = [s for s in specs if is_url(s)]
    return f"downloading {urls[0]}" if urls else ""


def fetch_address(
    store: WalletStore,
    url: str,
    where: str,
    note: Callable[[ItemResult], None],
    stop: Callable[[], bool],
) -> None:
    """Import what `url` holds; the result names where the address came from."""
    label = f"{url}, fetched from {where}"
    for result in import_sources(store, [url], cancelled=stop, allow_loopback=False):
        result.source = label
        if result.status == FAILED:
            result.message = f"{result.message} (address from {where})"
        note(result)


def import_qr(
    store: WalletStore,
    image: QrImage,
    note: Callable[[ItemResult], None],
    stop: Callable[[], bool],
    found: list[tuple[str, str]] | None = None,
    *,
    where_found: Callable[[str], str] = lambda where: f"the QR code in {where}",
    unfetched: Callable[[str], ItemResult] | None = None,
) -> None:
    """Import what the QR codes in `image` hold (credential text); https addresses go into
    `found` (or become `unfetched(url)` lines), other addresses are refused."""
    try:
        texts = decode_qr(image)
    except QrProblem as e:
        note(ItemResult(image.label, FAILED, str(e)))
        return
    for n, text in enumerate(texts, 1):
        if stop():
            return
        where = image.label if len(texts) == 1 else f"{image.label} (QR code {n})"
        value = text.strip()
        if is_url(value) and len(value.split()) == 1:
            # Asked about once the codes are read; never fetched on the strength of a picture.
            if found is not None:
                found.append((value, where_found(where)))
            else:
                note(
                    unfetched(value)
                    if unfetched is not None
                    else ItemResult(
                        value, FAILED, "not fetched: addresses in QR codes are asked about"
                    )
                )
        elif "://" in value.split("\n", 1)[0][:16]:
            note(
                ItemResult(
                    where,
                    FAILED,
                    "the QR code holds an address that is not https "
                    f"({value[:80]}); nothing was fetched",
                )
            )
        else:
            note(import_text(store, value, f"QR code in {where}"))
