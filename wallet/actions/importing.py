"""Import, then verify offline: what every front end does with a new credential."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from wallet.actions.changes import NOTHING, Changes
from wallet.actions.verifying import Verified
from wallet.errors import WalletError
from wallet.importer import FAILED, IMPORTED, ItemResult, import_sources, import_text, import_texts
from wallet.messages import M, Msg, plain, render
from wallet.receive.offer import looks_like_offer
from wallet.respond.request import is_request_link
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
            M("reading QR codes needs the zxing-cpp package, which is not installed")
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
                raise QrProblem(
                    M("the image is {mib} MiB, too large to read", mib=size // (1024 * 1024))
                )
            with open(image.path, "rb") as fh:
                raw = fh.read(MAX_QR_IMAGE_BYTES + 1)
        # Only picture formats (never EPS: Pillow would run Ghostscript), size checked from
        # the header before any pixel is decoded.
        with open_image(io.BytesIO(raw), IMAGE_FORMATS, MAX_IMAGE_PIXELS) as img:
            gray = img.convert("L")
    except UnsupportedImage:
        raise QrProblem(M("not an image this app can read")) from None
    except ImageRefused as e:
        raise QrProblem(e.msg) from None
    except FileNotFoundError:
        raise QrProblem(M("no such file")) from None
    except OSError as e:
        raise QrProblem(
            M("cannot read the image: {problem}", problem=str(e.strerror or e))
        ) from None
    except ValueError as e:
        raise QrProblem(M("cannot read the image ({problem})", problem=str(e))) from None
    try:
        found = zxingcpp.read_barcodes(gray, formats=zxingcpp.BarcodeFormat.QRCode)  # type: ignore[arg-type]
    except Exception as e:  # the decoder's own errors carry no fixed type across versions
        raise QrProblem(
            M("the QR decoder could not read the image ({problem})", problem=str(e))
        ) from None
    texts = [r.text for r in found if getattr(r, "valid", True) and r.text]
    if not texts:
        raise QrProblem(M("no QR code found in the image"))
    return texts


class QrProblem(WalletError):
    """A QR image that gave nothing to import; the message is fit to show."""


def verify_new(
    store: WalletStore,
    ids: Iterable[str],
    *,
    step: Callable[[int, int], None] | None = None,
    log: Log | None = None,
) -> Verified:
    """Verify freshly imported credentials offline and keep their reports.

    One credential's trouble (a verifier bug) is logged and does not stop the others: those
    stay "not checked yet", as the window shows them. `step(done, total)` reports progress and
    may raise to cancel."""
    from wallet.verify.verifier import context_for_store, verify_stored

    wanted = list(ids)
    verified = Verified()
    ctx = context_for_store(store, online=False)
    for i, cid in enumerate(wanted):
        if step is not None:
            step(i, len(wanted))
        try:
            report = verify_stored(store, cid, ctx)
            verified.verdicts[cid], verified.reports[cid] = report.verdict, report
        except Exception as e:  # noqa: BLE001 - a verifier bug must not hide the other badges
            if log is not None:
                log(f"verifying {cid} after import: {type(e).__name__}: {e}")
    return verified


@dataclass(frozen=True)
class Imported:
    """An import's result lines, one per item in order (iterating it gives them), and what
    went into the wallet."""

    results: tuple[ItemResult, ...] = ()
    changes: Changes = NOTHING

    def __iter__(self) -> Iterator[ItemResult]:
        return iter(self.results)

    def __len__(self) -> int:
        return len(self.results)


def changes_of(store: WalletStore, results: Iterable[ItemResult]) -> Changes:
    """What these result lines put into the wallet: each new credential, then the items the
    new bundles carry (a cancelled import's lines say what went in before it stopped)."""
    new = [r.id for r in results if r.status == IMPORTED and r.id]
    if not new:
        return NOTHING
    return Changes(added=(*new, *(s.id for s in store.credentials.summaries_of(new))))


def _collecting(
    progress: Callable[[ItemResult], None], results: list[ItemResult]
) -> Callable[[ItemResult], None]:
    def note(result: ItemResult) -> None:
        results.append(result)
        progress(result)

    return note


def import_and_verify(
    store: WalletStore,
    specs: list[str],
    *,
    stdin: BinaryIO | None = None,
    progress: Callable[[ItemResult], None] | None = None,
    log: Log | None = None,
) -> Imported:
    """Import every source and verify each new credential offline as it goes in, so the
    result line carries its verdict (`ItemResult.verdict`) and the wallet keeps the report."""

    def each(result: ItemResult) -> None:
        if result.status == IMPORTED and result.id:
            result.verdict = verify_new(store, [result.id], log=log).verdicts.get(result.id)
        if progress is not None:
            progress(result)

    results = import_sources(store, specs, stdin=stdin, progress=each)
    return Imported(tuple(results), changes_of(store, results))


def import_request(
    store: WalletStore,
    request: ImportRequest,
    *,
    progress: Callable[[ItemResult], None],
    cancelled: Callable[[], bool],
    status: Callable[[Msg], None] | None = None,
    found: list[tuple[str, str]] | None = None,
    where_found: Callable[[str], str] = lambda where: _where_found(where),
    unfetched: Callable[[str], ItemResult] | None = None,
) -> Imported:
    """Carry out the window's `request` on `store`: refused inputs, sources, agreed addresses,
    texts, then QR images, each result to `progress` as it comes; stops when `cancelled()`.
    `status(message)` hears what is being fetched. Web addresses in QR codes are never fetched
    here: they go into `found` as (url, `where_found(image label)`), or without `found` each
    becomes the line `unfetched(url)`. The front end words those two (the window translates
    them)."""
    results: list[ItemResult] = []
    progress = _collecting(progress, results)
    say = status or (lambda _text: None)
    for refused in request.refused:
        progress(refused)
    if request.specs and not cancelled():
        say(_fetching(request.specs))
        import_sources(store, request.specs, progress=progress, cancelled=cancelled)
    for url, where in request.addresses:
        if cancelled():
            break
        say(M("downloading {url}", url=url))
        fetch_address(store, url, where, progress, cancelled)
    for label, text in request.texts:
        if cancelled():
            break
        for result in import_texts(store, text, label):  # a presentation: each credential
            progress(result)
    for image in request.images:
        if cancelled():
            break
        import_qr(
            store, image, progress, cancelled, found, where_found=where_found, unfetched=unfetched
        )
    return Imported(tuple(results), changes_of(store, results))


def _fetching(specs: list[str]) -> Msg:
    urls = [s for s in specs if is_url(s)]
    return M("downloading {url}", url=urls[0]) if urls else plain("")


def _where_found(where: str) -> str:
    """Where an address came from, in the current language (the window words its own)."""
    return render(M("the QR code in {name}", name=where))


def fetch_address(
    store: WalletStore,
    url: str,
    where: str,
    note: Callable[[ItemResult], None],
    stop: Callable[[], bool],
) -> None:
    """Import what `url` holds; the result names where the address came from."""
    # A source is a label in the current language, as the result line shows it.
    label = render(M("{url}, fetched from {where}", url=url, where=where))
    for result in import_sources(store, [url], cancelled=stop, allow_loopback=False):
        result.source = label
        if result.status == FAILED:
            result.msg = M("{problem} (address from {where})", problem=result.msg, where=where)
        note(result)


def import_qr(
    store: WalletStore,
    image: QrImage,
    note: Callable[[ItemResult], None],
    stop: Callable[[], bool],
    found: list[tuple[str, str]] | None = None,
    *,
    where_found: Callable[[str], str] = lambda where: _where_found(where),
    unfetched: Callable[[str], ItemResult] | None = None,
) -> None:
    """Import what the QR codes in `image` hold (credential text); https addresses go into
    `found` (or become `unfetched(url)` lines), other addresses are refused."""
    try:
        texts = decode_qr(image)
    except QrProblem as e:
        note(ItemResult(image.label, FAILED, e.msg))
        return
    for n, text in enumerate(texts, 1):
        if stop():
            return
        where = (
            image.label
            if len(texts) == 1
            else render(M("{image} (QR code {n})", image=image.label, n=n))
        )
        value = text.strip()
        if (is_url(value) or looks_like_offer(value) or is_request_link(value)) and len(
            value.split()
        ) == 1:
            # Asked about once the codes are read (an issuer's offer or a verifier's request
            # too: the window hands it to its dialog); never fetched on the strength of a picture.
            if found is not None:
                found.append((value, where_found(where)))
            else:
                note(
                    unfetched(value)
                    if unfetched is not None
                    else ItemResult(
                        value, FAILED, M("not fetched: addresses in QR codes are asked about")
                    )
                )
        elif "://" in value.split("\n", 1)[0][:16]:
            note(
                ItemResult(
                    where,
                    FAILED,
                    M(
                        "the QR code holds an address that is not https ({address}); "
                        "nothing was fetched",
                        address=value[:80],
                    ),
                )
            )
        else:
            note(import_text(store, value, render(M("QR code in {where}", where=where))))
