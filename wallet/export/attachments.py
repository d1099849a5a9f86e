"""The signed originals inside the portfolio PDF, as attached files.

Why after Qt draws the pages: Qt's PDF writer cannot attach files, so the finished PDF is
opened again with `pypdf` and each credential's original file (the exact bytes it came in: a
JSON, JWT or SD-JWT text, or the baked PNG) is attached under its title. A reader saves an
attachment from any PDF viewer (or `pdfdetach -saveall`) and verifies it anywhere.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from wallet.export.portfolio import Portfolio, file_name


def attach_originals(portfolio: Portfolio, pdf: Path) -> list[str]:
    """Attach every item's original to the PDF at `pdf` (replaced in place, atomically);
    the attachment names, in order."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(pdf)))
    names: list[str] = []
    for item in portfolio.items:
        name = file_name(item)
        writer.add_attachment(name, item.original)
        names.append(name)
    handle, temp = tempfile.mkstemp(prefix=".portfolio-", suffix=".pdf", dir=pdf.parent)
    try:
        with os.fdopen(handle, "wb") as fh:
            writer.write(fh)
        os.chmod(temp, pdf.stat().st_mode & 0o777)  # an export keeps the umask's mode
        os.replace(temp, pdf)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    return names
