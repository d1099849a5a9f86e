"""Everything signed that an export writes goes back into a wallet and verifies the same:
the presentation's credentials, CLR bundles, and baked badge images (same payload bytes)."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
from pathlib import Path

import pytest
from issuers import clr_transcript
from PIL import Image

from wallet.errors import WalletError
from wallet.export import ExportOptions, export, select_ids
from wallet.formats.baked import unbake_png, unbake_svg
from wallet.importer import import_sources
from wallet.present.presentation import ENVELOPED, expires_of, verify_presentation
from wallet.proofs import jose, keys
from wallet.store import WalletStore
from wallet.verify.context import VerifyContext
from wallet.verify.report import FAIL, PASS

from .helpers import add_json, did_key_issuer, reimport, signed_ob3

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">'
    b'<rect width="64" height="64" rx="12" fill="#2f6f3e"/></svg>'
)


def test_the_exported_presentation_lasts_as_long_as_the_portfolio_s_codes(
    demo_store: WalletStore, tmp_path: Path
) -> None:
    """An employer opens the JSON a week after it was sent: still valid, like the PDF's codes
    (30 days), and the learner's choice of validity applies to both."""
    out = tmp_path / "presentation.json"
    export(demo_store, select_ids(demo_store, everything=True), ExportOptions("json", out))
    vp = json.loads(out.read_text("utf-8"))
    week = dt.datetime.now(dt.UTC) + dt.timedelta(days=7)
    report = verify_presentation(vp, challenge=None, at=week, ctx=VerifyContext(at=week))
    assert [c for c in report.checks if c.status == FAIL] == []  # not expired: it holds
    expires = expires_of(vp)
    assert expires is not None
    assert dt.timedelta(days=29) < expires - dt.datetime.now(dt.UTC) <= dt.timedelta(days=30)
    short = tmp_path / "short.json"
    options = ExportOptions("json", short, valid_minutes=60)
    export(demo_store, select_ids(demo_store, everything=True), options)
    soon = expires_of(json.loads(short.read_text("utf-8")))
    assert soon is not None and soon - dt.datetime.now(dt.UTC) <= dt.timedelta(hours=1)


def test_presentation_is_holder_signed_and_its_credentials_reimport(
    demo_store: WalletStore, tmp_path: Path
) -> None:
    out = tmp_path / "presentation.json"
    export(demo_store, select_ids(demo_store, everything=True), ExportOptions("json", out))
    vp = json.loads(out.read_text("utf-8"))
    assert vp["holder"] == demo_store.keys.default()
    now = dt.datetime.now(dt.UTC)
    report = verify_presentation(vp, challenge=None, at=now, ctx=VerifyContext(at=now))
    assert report.check("proof").status == PASS  # the learner's signature over all of it
    assert len(report.nested) == len(vp["verifiableCredential"]) == demo_store.credentials.count()

    folder = tmp_path / "from-vp"
    folder.mkdir()
    files, enveloped = [], set()
    for n, item in enumerate(vp["verifiableCredential"]):
        if ENVELOPED in (item["type"] if isinstance(item["type"], list) else [item["type"]]):
            token = item["id"].split(",", 1)[1].encode("ascii")
            path = folder / f"{n}.txt"
            path.write_bytes(token)
            enveloped.add(hashlib.sha256(token).hexdigest()[:16])
        else:
            path = folder / f"{n}.json"
            path.write_text(json.dumps(item, ensure_ascii=False), encoding="utf-8")
        files.append(path)
    again = reimport(demo_store, files, tmp_path / "fresh.lwallet")
    by_title = {
        demo_store.credentials.get(cid).credential.title: v
        for cid, v in demo_store.checks.verdicts().items()
    }
    fresh = WalletStore.open(tmp_path / "fresh.lwallet", "fresh passphrase")
    with fresh:
        titles = {cid: fresh.credentials.get(cid).credential.title for cid in again}
    assert {titles[cid]: v for cid, v in again.items()} == by_title
    assert enveloped <= set(again)  # JWT / SD-JWT credentials travel byte for byte


def _clr_wallet(tmp_path: Path) -> tuple[WalletStore, str, str]:
    """A wallet holding a CLR (VC-JWT, two signed badges inside) and one loose badge."""
    key, did = did_key_issuer()
    clr = clr_transcript(
        [signed_ob3("Unit A: Soil", key=key), signed_ob3("Unit B: Water", key=key)]
    )
    clr["issuer"] = {"id": did, "type": ["Profile"], "name": "Kea Institute of Technology"}
    header = {"typ": "vc+jwt", "kid": keys.did_key_verification_method(key.public_key())}
    token = jose.sign_compact(header, json.dumps(clr).encode("utf-8"), key)
    store = WalletStore.create(tmp_path / "clr.lwallet", "clr passphrase")
    store.trust.add(did, "Kea Institute of Technology")
    path = tmp_path / "record.jwt"
    path.write_text(token + "\n", encoding="utf-8")
    [result] = import_sources(store, [str(path)])
    assert result.id is not None
    loose = add_json(store, signed_ob3("Loose badge", key=key), tmp_path, "loose.json")
    return store, result.id, loose


def test_clr_export_is_the_issuers_signed_bundle(tmp_path: Path) -> None:
    store, clr_id, loose = _clr_wallet(tmp_path)
    with store:
        from wallet.verify.verifier import context_for_store, verify_stored

        verify_stored(store, clr_id, context_for_store(store))
        out = tmp_path / "clr"
        result = export(store, select_ids(store, everything=True), ExportOptions("clr", out))
        [written] = result.written
        assert written.read_bytes() == store.credentials.get(clr_id).payload
        assert written.suffix == ".jwt"
        notes = [str(n) for n in result.notes]
        assert any("Loose badge" in n and "cannot be made into one" in n for n in notes)
        again = reimport(store, [written], tmp_path / "fresh.lwallet")
        assert again == {clr_id: store.checks.verdicts()[clr_id]} == {clr_id: "verified"}

        with pytest.raises(WalletError, match="cannot make one for you"):
            export(store, [loose], ExportOptions("clr", tmp_path / "none"))


def test_demo_badges_bake_into_images_with_identical_payloads(
    demo_store: WalletStore, tmp_path: Path
) -> None:
    out = tmp_path / "images"
    result = export(
        demo_store, select_ids(demo_store, everything=True), ExportOptions("images", out)
    )
    formats = {
        cid: demo_store.credentials.get(cid).credential.format
        for cid in demo_store.checks.verdicts()
    }
    badges = {cid for cid, f in formats.items() if f in ("ob2", "ob3")}
    assert len(result.written) == len(badges)
    assert any("not an Open Badge" in str(n) for n in result.notes)  # the SD-JWT VC
    for path in result.written:
        cid = path.stem.rsplit("-", 1)[1]
        baked = unbake_png(path.read_bytes())
        assert baked.keyword == ("openbadges" if formats[cid] == "ob2" else "openbadgecredential")
        stored = demo_store.credentials.get(cid)
        assert hashlib.sha256(baked.raw).hexdigest() == stored.payload_sha256
    again = reimport(demo_store, result.written, tmp_path / "fresh.lwallet")
    verdicts = demo_store.checks.verdicts()
    assert again == {cid: verdicts[cid] for cid in badges}  # same ids: same payload bytes


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (40, 40), (200, 80, 20)).save(buf, format="JPEG")
    return buf.getvalue()


def test_svg_and_other_pictures_bake_too(tmp_path: Path) -> None:
    key, did = did_key_issuer()
    svg_uri = "data:image/svg+xml;base64," + base64.b64encode(SVG).decode()
    jpeg_uri = "data:image/jpeg;base64," + base64.b64encode(_jpeg()).decode()
    with WalletStore.create(tmp_path / "w.lwallet", "pass") as store:
        store.trust.add(did, "Kea Institute of Technology")
        svg_id = add_json(
            store, signed_ob3("Vector badge", image=svg_uri, key=key), tmp_path, "svg.json"
        )
        jpeg_id = add_json(
            store, signed_ob3("Photo badge", image=jpeg_uri, key=key), tmp_path, "jpeg.json"
        )
        pretty_id = add_json(
            store,
            signed_ob3("Pretty vector badge", image=svg_uri, key=key),
            tmp_path,
            "pretty.json",
            indent=2,
        )
        result = export(
            store, [svg_id, jpeg_id, pretty_id], ExportOptions("images", tmp_path / "out")
        )
        kinds = {p.stem.rsplit("-", 1)[1]: p.suffix for p in result.written}
        # the SVG stays an SVG; an indented file's payload keeps its spacing, so a PNG
        assert kinds == {svg_id: ".svg", jpeg_id: ".png", pretty_id: ".png"}
        svg_file = next(p for p in result.written if p.suffix == ".svg")
        baked = unbake_svg(svg_file.read_bytes())
        assert baked.keyword == "credential" and baked.raw == store.credentials.get(svg_id).payload
        again = reimport(store, result.written, tmp_path / "fresh.lwallet")
        assert again == {svg_id: "verified", jpeg_id: "verified", pretty_id: "verified"}
