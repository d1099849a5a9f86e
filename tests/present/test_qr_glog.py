"""Issue 13, item 16: `qrcode` 8.2 raises `ValueError: glog(0)` for some valid LW2 texts, so
`present` failed with an internal error for those presentations.

The library's Reed-Solomon step fails when one error-correction block holds nothing but zero
codewords. In alphanumeric mode a run of "0" characters (base45 of zero bytes) encodes to zero
bits; a run covering a whole block is enough. The wallet now never hands the library such a
block: a long run of "0" is split across segments, whose headers are never all zero.
"""

from __future__ import annotations

import io
import random

import pytest

from wallet.present import qr
from wallet.present.qr import b45encode, payload_hash


def lw2_text(payload: bytes) -> str:
    return f"{qr.PREFIX}:{payload_hash(payload)}:{b45encode(payload)}"


# 100 zero bytes and a tail: base45 "000..." (150 characters) fills a whole block at ECC M.
FAILING = lw2_text(bytes(100) + b"tail of it")


def test_the_text_that_broke_present_now_makes_a_code_that_reads_back() -> None:
    out = io.BytesIO()
    version = qr.make_qr_png(FAILING, out, box=4)
    assert 1 <= version <= qr.MAX_VERSION
    assert qr.read_qr_image(out.getvalue()) == [FAILING]
    assert qr.qr_version(FAILING) == version
    svg = io.BytesIO()
    assert qr.make_qr_svg(FAILING, svg, box=4) == version


@pytest.mark.parametrize("seed", range(6))
def test_zero_runs_anywhere_encode_and_read_back(seed: int) -> None:
    rng = random.Random(seed)
    head = rng.randbytes(rng.randrange(0, 120))
    tail = rng.randbytes(rng.randrange(1, 40))
    text = lw2_text(head + bytes(rng.randrange(40, 400)) + tail)
    out = io.BytesIO()
    qr.make_qr_png(text, out, box=3)
    assert qr.read_qr_image(out.getvalue()) == [text]


def test_texts_without_long_zero_runs_keep_their_version() -> None:
    """Splitting is only for runs of zeros: other codes stay exactly as small as before."""
    import qrcode
    import qrcode.constants
    from qrcode.util import MODE_ALPHA_NUM, QRData

    text = lw2_text(random.Random(1).randbytes(600))
    plain = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M)
    plain.add_data(QRData(text.encode("ascii"), mode=MODE_ALPHA_NUM))
    assert "0" * (qr.ZERO_RUN + 1) not in text
    assert qr.qr_version(text) == plain.best_fit()
