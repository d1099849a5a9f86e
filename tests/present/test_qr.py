"""QR encoding of presentations: real images both ways, splitting, and every plain refusal."""

from __future__ import annotations

import copy
import io
import json
import random
import zlib
from pathlib import Path

import cbor2
import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from wallet.messages import render
from wallet.present import qr, qr_json, qr_tables
from wallet.present.qr import QrError

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo" / "credentials"
ALNUM = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def _vp(*credentials: dict) -> dict:
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "type": ["VerifiablePresentation"],
        "holder": "did:key:z6Mkve123D9q6bZ7iJcB6ucLiBjvNrA4pH72zpf8fTabUoZB",
        "verifiableCredential": list(credentials),
    }


def _micro() -> dict:
    return json.loads((DEMO / "01-data-analysis-with-python.json").read_text("utf-8"))


def _sd_jwt() -> str:
    return (DEMO / "10-health-safety-induction.sd-jwt").read_text("utf-8").strip()


def _through_png(texts: list[str], tmp_path: Path) -> list[str]:
    """Each text as its own PNG file, read back by zxing-cpp."""
    read: list[str] = []
    for i, text in enumerate(texts):
        path = tmp_path / f"code{i}.png"
        version = qr.make_qr_png(text, path)
        assert version <= qr.MAX_VERSION
        found = qr.read_qr_image(path)
        assert found == [text]
        read += found
    return read


def test_micro_credential_round_trips_through_png(tmp_path):
    vp = _vp(_micro())
    assert 3000 < len(json.dumps(vp)) < 5000
    texts = qr.encode(vp)
    assert all(set(t) <= ALNUM for t in texts)
    back = qr.decode(_through_png(texts, tmp_path))
    assert back == vp
    assert json.dumps(back) == json.dumps(vp)  # key order kept too


def test_sd_jwt_fits_one_code_and_round_trips_through_png(tmp_path):
    text = _sd_jwt()
    texts = qr.encode(text)
    assert len(texts) == 1 and texts[0].startswith("LW2:")
    assert qr.decode(_through_png(texts, tmp_path)) == text


def test_jose_segments_are_byte_exact_even_when_not_canonical():
    # "QQ" is canonical base64url for b"A"; "QR" decodes to the same byte but must stay "QR".
    for text in ["eyJhIjoxfQ.QR.QQ~", "a.b~c~", "...~~", "not jose at all", "x.y z"]:
        assert qr.decode(qr.encode(text)) == text


def test_big_presentation_splits_and_reassembles_shuffled(tmp_path):
    creds = [json.loads(p.read_text("utf-8")) for p in sorted(DEMO.glob("0[1-4]-*.json"))]
    vp = _vp(*creds)
    texts = qr.encode(vp)
    assert 3 <= len(texts) <= 10
    assert all(qr.qr_version(t) <= qr.MAX_VERSION for t in texts)
    digest = texts[0].split(":")[1]
    for i, t in enumerate(texts, 1):
        assert t.startswith(f"LW2/{i}-{len(texts)}:{digest}:")
    shuffled = texts + texts[:2]  # a part scanned twice is fine
    random.Random(6).shuffle(shuffled)
    assert qr.decode(shuffled) == vp
    assert qr.decode(_through_png(texts[::-1], tmp_path)) == vp


def test_several_codes_in_one_image_are_all_read(tmp_path):
    texts = qr.encode(_vp(_micro()))
    assert len(texts) >= 2
    images = []
    for t in texts:
        buf = io.BytesIO()
        qr.make_qr_png(t, buf, box=4)
        images.append(Image.open(io.BytesIO(buf.getvalue()), formats=["PNG"]).convert("L"))
    sheet = Image.new("L", (sum(i.width for i in images), max(i.height for i in images)), 255)
    x = 0
    for image in images:
        sheet.paste(image, (x, 0))
        x += image.width
    assert sorted(qr.read_qr_image(sheet)) == sorted(texts)


def test_svg_is_written(tmp_path):
    path = tmp_path / "code.svg"
    version = qr.make_qr_svg(qr.encode(_sd_jwt())[0], path)
    assert version <= qr.MAX_VERSION
    assert path.read_bytes().lstrip().startswith(b"<?xml") or b"<svg" in path.read_bytes()


def test_any_modified_character_fails_plainly():
    texts = qr.encode(_sd_jwt())
    text = texts[0]
    rng = random.Random(1)
    positions = rng.sample(range(len("LW2:12345678:"), len(text)), 60)
    for pos in positions:
        new = rng.choice(sorted(ALNUM - {text[pos]}))
        damaged = text[:pos] + new + text[pos + 1 :]
        with pytest.raises(QrError, match="damaged"):
            qr.decode([damaged])


def test_modified_hash_fails():
    text = qr.encode(_sd_jwt())[0]
    head, digest, data = text.split(":", 2)
    other = ("0" if digest[0] != "0" else "1") + digest[1:]
    with pytest.raises(QrError, match="checksum"):
        qr.decode([f"{head}:{other}:{data}"])


def test_missing_part_is_named():
    texts = qr.encode(_vp(*[json.loads(p.read_text("utf-8")) for p in DEMO.glob("0*.json")]))
    assert len(texts) >= 3
    with pytest.raises(QrError, match=rf"part 2 of {len(texts)} is missing"):
        qr.decode([t for t in texts if not t.startswith("LW2/2-")])


def test_missing_part_is_named_in_german():
    texts = qr.encode(_vp(*[json.loads(p.read_text("utf-8")) for p in DEMO.glob("0*.json")]))
    with pytest.raises(QrError) as info:
        qr.decode([t for t in texts if not t.startswith("LW2/2-")])
    assert render(info.value.msg, "de") == f"Teil 2 von {len(texts)} fehlt; scannen Sie jeden Code"


def test_damaged_content_is_said_in_german_through_every_layer():
    # qr_json finds the damage; qr passes its message on whole, so it still translates.
    item = [qr.KIND_JSON, cbor2.CBORTag(qr_json.TAG_VALUE, len(qr_tables.VALUES))]
    with pytest.raises(QrError) as info:
        qr.decode([_wrap(_deflate(cbor2.dumps(item)))])
    assert str(info.value) == (
        "the QR code is damaged (it names a value this wallet does not know)"
    )
    assert render(info.value.msg, "de") == (
        "der QR-Code ist beschädigt (er nennt einen Wert, den diese Wallet nicht kennt)"
    )


def test_part_from_another_presentation_is_refused():
    one = qr.encode(_vp(_micro()))
    other_cred = copy.deepcopy(_micro())
    other_cred["name"] = "Something Else Entirely"
    two = qr.encode(_vp(other_cred))
    assert len(one) == len(two) == 2
    with pytest.raises(QrError, match="different presentations"):
        qr.decode([one[0], two[1]])


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("HC1:6BFOXN*TS0BI$ZD", "not a Learner Wallet"),
        ("LW3:12345678:ABC", "newer or unknown"),
        ("LW1:12345678:ABC", "earlier test format"),
        ("LW2:1234567:ABC", "not a Learner Wallet"),
        ("LW2:12345678:A", "wrong length"),
        ("LW2:12345678:ab", "does not belong"),
        ("LW2:12345678:GGW", "not valid base45"),
        ("LW2/3-2:12345678:AB", "impossible"),
        ("LW2/0-2:12345678:AB", "impossible"),
    ],
)
def test_malformed_texts_give_plain_errors(text, message):
    with pytest.raises(QrError, match=message):
        qr.decode([text])


def test_nothing_scanned():
    with pytest.raises(QrError, match="no QR code"):
        qr.decode([])


def _wrap(payload: bytes) -> str:
    return f"LW2:{qr.payload_hash(payload)}:{qr.b45encode(payload)}"


def _deflate(data: bytes) -> bytes:
    packer = zlib.compressobj(
        9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, zdict=qr_json.DICTIONARY
    )
    return packer.compress(data) + packer.flush()


def test_deflate_bomb_is_refused():
    inner = cbor2.dumps([qr.KIND_TEXT, "A" * (qr.MAX_INFLATED + 10)])
    bomb = _deflate(inner)
    assert len(bomb) < 3000
    with pytest.raises(QrError, match="more than 1 MiB"):
        qr.decode([_wrap(bomb)])


def test_encoder_refuses_over_limit():
    with pytest.raises(QrError, match="too large"):
        qr.encode("A" * (qr.MAX_INFLATED + 10))


def test_well_hashed_but_not_deflate_or_not_presentation():
    with pytest.raises(QrError, match="does not unpack|cut short"):
        qr.decode([_wrap(b"\xff\xfe\xfd\xfc")])
    for item in ([9, "x"], {"a": 1}, [qr.KIND_JSON, cbor2.CBORTag(1, 0)], [qr.KIND_TEXT, 5]):
        with pytest.raises(QrError):
            qr.decode([_wrap(_deflate(cbor2.dumps(item)))])


def test_base45_rfc_examples():
    # RFC 9285 section 4.3 examples.
    assert qr.b45encode(b"AB") == "BB8"
    assert qr.b45encode(b"Hello!!") == "%69 VD92EX0"
    assert qr.b45encode(b"base-45") == "UJCLQE7W581"
    assert qr.b45decode("QED8WEX0") == b"ietf!"


@given(st.binary(max_size=300))
def test_base45_round_trip(data):
    text = qr.b45encode(data)
    assert set(text) <= ALNUM
    assert qr.b45decode(text) == data


_json = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=30,
)


@given(st.dictionaries(st.text(), _json, max_size=6))
def test_encode_decode_round_trip_json(obj):
    assert qr.decode(qr.encode(obj)) == obj


@given(st.text(alphabet="abcXYZ019_-.~ ", max_size=200))
def test_encode_decode_round_trip_text(text):
    texts = qr.encode(text)
    assert qr.decode(list(reversed(texts))) == text


@pytest.mark.parametrize(
    "text",
    [
        "LW2:0A1B2C3D:" + "0" * 40 + "ABC",  # a long run of zeros (qrcode's glog(0) case)
        "LW2/1-2:0A1B2C3D:" + "A1B2C3D4E5$%*+-./: " * 60,  # a large code, every alphanumeric
    ],
)
def test_modules_drawn_onto_pages_scan_back_to_the_text(text):
    """Portfolio pages and proof sheets draw codes from qr_modules: every code must scan back to
    exactly its text, be no larger than qr_version says (ECC M), with a 4-module quiet zone."""
    import zxingcpp

    rows = qr.qr_modules(text)
    side = len(rows)
    assert all(len(row) == side for row in rows)
    assert side <= 17 + 4 * qr.qr_version(text) + 8
    border = rows[:4] + rows[-4:] + [row[:4] + row[-4:] for row in rows]
    assert not any(any(row) for row in border)  # quiet zone: light
    box = 4
    image = Image.new("L", (side * box, side * box), 255)
    for y, row in enumerate(rows):
        for x, dark in enumerate(row):
            if dark:
                image.paste(0, (x * box, y * box, (x + 1) * box, (y + 1) * box))
    found = zxingcpp.read_barcodes(image)
    assert [f.text for f in found] == [text]
    assert found[0].ec_level == "M"


def test_modules_of_a_text_no_code_can_hold_are_refused():
    with pytest.raises(QrError):
        qr.qr_modules("A" * (qr.MAX_TEXT + 1))


@pytest.mark.parametrize("alphabet", ["0123456789ABCDEF:/-", "abc{}\u00e9", "0"])
def test_qr_version_is_what_qrcode_itself_fits(alphabet):
    """qr_version counts the bits itself (trial encodings cost 12 ms a credential in a
    portfolio): it must agree with qrcode's own best_fit, which draws the PNG codes."""
    import qrcode

    rng = random.Random(7)
    for length in [1, 2, 3, 17, 100, 333, 1000, 1500, 2000, 2300, 2900, 3300]:
        text = "".join(rng.choice(alphabet) for _ in range(length))
        code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
        for segment in qr._qr_segments(text):
            code.add_data(segment)
        try:
            expected = code.best_fit()
        except (qrcode.exceptions.DataOverflowError, ValueError):
            with pytest.raises(QrError):
                qr.qr_version(text)
            continue
        assert qr.qr_version(text) == expected, (alphabet, length)
