"""Open Badges 0.5 assertions (the Mozilla Backpack's format before OB 1.0) show when they were
issued and by whom.

They cannot be verified (the verdict stays `unknown`), but a learner importing an old badge
expects its card to say the date and the issuer it was given: `issued_on` (a date, a date and
time, or a UNIX timestamp) and the badge's issuer (`name`, `org`, else its `origin`). What the
issuer wrote is shown, never believed: its `origin` is no identifier a trust list could match,
and a date that does not read as one is left out (the badge is still imported).
"""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest

from wallet import cli

DATA = Path(__file__).parent.parent / "data" / "ob05"
PASSPHRASE = "correct horse battery"

# After the Mozilla Backpack README's example assertion, with an `origin` (as OB 0.5 named it).
P2PU: dict[str, Any] = {
    "recipient": "sha256$2ad891a61112bb953171416acc9cfe2484d59a45a3ed574a1ca93b47d07629fe",
    "salt": "hashbrowns",
    "evidence": "/badges/html5-basic/bimmy",
    "issued_on": "1395112143",
    "badge": {
        "version": "0.5.0",
        "name": "HTML5 Fundamental",
        "image": "/img/html5-basic.png",
        "description": "Knows the difference between a <section> and an <article>",
        "criteria": "/badges/html5-basic",
        "issuer": {
            "origin": "https://p2pu.org",
            "name": "P2PU",
            "org": "School of Webcraft",
            "contact": "admin@p2pu.org",
        },
    },
}


def _with(issued_on: Any = None, **issuer: Any) -> bytes:
    doc = copy.deepcopy(P2PU)
    if issued_on is None:
        del doc["issued_on"]
    else:
        doc["issued_on"] = issued_on
    if issuer:
        doc["badge"]["issuer"] = issuer
    return json.dumps(doc).encode()


def run(tmp_path: Path, *args: str) -> tuple[int, str]:
    out = io.StringIO()
    pw = tmp_path / "pass.txt"
    pw.write_text(PASSPHRASE + "\n")
    wallet = tmp_path / "w.lwallet"
    code = cli.main(["--wallet", str(wallet), "--passphrase-file", str(pw), *args], out=out)
    return code, out.getvalue()


def imported(tmp_path: Path, files: dict[str, bytes]) -> dict[str, dict[str, Any]]:
    """`list --json` rows after importing `files`, by the file each came from."""
    folder = tmp_path / "in"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    assert run(tmp_path, "init")[0] == cli.EXIT_OK
    code, out = run(tmp_path, "import", str(folder))
    assert code in (cli.EXIT_OK, cli.EXIT_ITEM_FAILED), out
    rows = [json.loads(line) for line in run(tmp_path, "list", "--json")[1].splitlines()]
    assert len(rows) == len(files), out
    by_file: dict[str, dict[str, Any]] = {}
    for row in rows:
        code, shown = run(tmp_path, "show", row["id"], "--json")
        by_file[Path(json.loads(shown)["source"]).name] = row
    return by_file


def test_the_validators_ob_0_5_sample_shows_its_date_and_issuer(tmp_path: Path) -> None:
    sample = (DATA / "0_5_1_instance.json").read_bytes()
    (row,) = imported(tmp_path, {"sample.json": sample}).values()
    assert row["title"] == "Basic McBadge"
    assert row["issued"] == "2011-06-01"
    assert row["issuer"] == "Basic Issuer"
    assert row["verdict"] == "unknown"
    code, out = run(tmp_path, "list")
    assert "2011-06-01  Basic McBadge  — Basic Issuer" in out
    code, out = run(tmp_path, "show", row["id"])
    assert code == cli.EXIT_OK
    assert any(line.split() == ["Issued", "2011-06-01"] for line in out.splitlines()), out
    assert any(line.split() == ["Issuer", "Basic", "Issuer"] for line in out.splitlines()), out


def test_a_unix_timestamp_and_the_issuers_organisation_are_shown(tmp_path: Path) -> None:
    rows = imported(
        tmp_path,
        {
            "string.json": _with("1395112143"),
            "number.json": _with(1395112143),
            "time.json": _with("2014-03-18T03:09:03Z"),
            "origin.json": _with("2011-06-01", origin="https://p2pu.org"),
            "org.json": _with("2011-06-01", origin="https://p2pu.org", org="School of Webcraft"),
        },
    )
    for name in ("string.json", "number.json", "time.json"):
        assert rows[name]["issued"] == "2014-03-18T03:09:03Z", name
        assert rows[name]["issuer"] == "P2PU (School of Webcraft)", name
    assert rows["origin.json"]["issuer"] == "p2pu.org"  # only where it came from: its host
    assert rows["org.json"]["issuer"] == "School of Webcraft"
    for row in rows.values():
        assert row["verdict"] == "unknown"
        # The issuer's own `origin` is no identifier: nothing on a trust list can match it.
        assert row["issuer_id"] is None


@pytest.mark.parametrize(
    "bad",
    [
        "yesterday",
        "2011-13-45",
        "2011-06-01T25:61:00Z",
        "",
        "  ",
        "-1395112143",
        "99999999999999999999",
        "1" * 5000,
        "2011-06-01" + " " * 100 + "x",
        99999999999999999999,
        1e300,
        -5,
        True,
        ["2011-06-01"],
        {"date": "2011-06-01"},
        "\x1b[31m2011-06-01",
    ],
)
def test_a_bad_date_is_left_out_and_the_badge_is_still_imported(tmp_path: Path, bad: Any) -> None:
    (row,) = imported(tmp_path, {"bad.json": _with(bad)}).values()
    assert row["issued"] is None
    assert row["issuer"] == "P2PU (School of Webcraft)"
    assert row["verdict"] == "unknown"


def test_a_long_issuer_name_is_cut(tmp_path: Path) -> None:
    (row,) = imported(
        tmp_path, {"long.json": _with("2011-06-01", name="N" * 10_000, origin="x" * 10_000)}
    ).values()
    assert 0 < len(row["issuer"]) <= 300
