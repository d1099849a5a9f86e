"""Property-based fuzzing of every target (the short run CI does on each change).

Hypothesis mutates the seeds of each target in `fuzz_targets` - bit flips, cuts, splices of
two seeds, random bytes, runs of brackets hundreds deep, numbers and strings far too long -
and every input must end in the target's own error types (or succeed) within the per-input
CPU time limit. JSON seeds also get structural mutations: a value anywhere replaced by a
hostile one, then serialized again. The coverage-guided long run is `fuzz.py`.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability import fuzz_targets
from tests.reliability.fuzz_targets import TARGETS, Target, run_one

HOSTILE_CHUNKS = [
    b"[" * 300,
    b'{"a":' * 300,
    b"1" * 5000,
    b"1e99999",
    b"-0.0e-99999",
    b"NaN",
    b"Infinity",
    b'"' + b"x" * 100_000 + b'"',
    b"\\u0000",
    b"\xff\xfe",
    b"\xef\xbb\xbf",
    b"~~~",
    b"..",
    b"\0" * 64,
    b"]]>",
    b'<!DOCTYPE x [<!ENTITY a "aaaa">]>',
    b"&a;",
    b"PK\x03\x04",
    b"\x89PNG\r\n\x1a\n",
    b"LW2/9-9:00000000:",
    b"https://example.org/x",
    b"did:key:z6Mk",
    b"\x9f" * 40,
    b"\xd9\xd9\xf7",
    b"\x1b\xff\xff\xff\xff\xff\xff\xff\xff",
]

HOSTILE_VALUES: list[Any] = [
    None,
    True,
    0,
    -1,
    2**63,
    10**99,
    1e308,
    -1.5,
    "",
    "x" * 50_000,
    "\u0000\ud7ff\uffff",
    [],
    {},
    [[[[[[[[[[[]]]]]]]]]]],
    {"@context": 5},
    {"type": []},
    {"id": {"id": {"id": 1}}},
    "urn:uuid:not-a-uuid",
    "2026-13-45T99:99:99Z",
    "did:key:zzzz",
    "data:,x",
    "../../etc/passwd",
]


def _mutate(data: bytes, draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    buf = bytearray(data)
    for _ in range(draw(st.integers(1, 4))):
        op = draw(
            st.sampled_from(["flip", "cut", "splice", "insert", "delete", "hostile", "repeat"])
        )
        pos = draw(st.integers(0, max(0, len(buf))))
        if op == "flip" and buf:
            i = min(pos, len(buf) - 1)
            buf[i] ^= 1 << draw(st.integers(0, 7))
        elif op == "cut":
            buf = buf[:pos]
        elif op == "splice":
            other = draw(st.sampled_from(seeds))
            at = draw(st.integers(0, len(other)))
            buf = buf[:pos] + other[at:]
        elif op == "insert":
            buf[pos:pos] = draw(st.binary(min_size=1, max_size=32))
        elif op == "delete":
            del buf[pos : pos + draw(st.integers(1, 64))]
        elif op == "hostile":
            buf[pos:pos] = draw(st.sampled_from(HOSTILE_CHUNKS))
        elif op == "repeat" and buf:
            piece = buf[pos : pos + draw(st.integers(1, 16))]
            buf[pos:pos] = piece * draw(st.integers(2, 200))
    return bytes(buf)


def _replace_somewhere(value: Any, draw: st.DrawFn, depth: int = 0) -> Any:
    """The JSON value with one node (chosen by Hypothesis) replaced by a hostile value."""
    children = (
        list(value.items())
        if isinstance(value, dict)
        else list(enumerate(value))
        if isinstance(value, list)
        else []
    )
    if not children or depth > 12 or draw(st.integers(0, 4)) == 0:
        return draw(st.sampled_from(HOSTILE_VALUES))
    key, child = draw(st.sampled_from(children))
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[key] = _replace_somewhere(child, draw, depth + 1)
    if isinstance(copy, dict) and draw(st.booleans()):
        copy.pop(draw(st.sampled_from(list(copy))), None)
    return copy


@st.composite
def inputs(draw: st.DrawFn, seeds: list[bytes]) -> bytes:
    """A seed mutated by bytes, a JSON seed mutated by structure, or random bytes."""
    how = draw(st.sampled_from(["bytes", "bytes", "json", "random"]))
    if how == "random":
        return draw(st.binary(max_size=2048))
    seed = draw(st.sampled_from(seeds))
    if how == "json":
        try:
            doc = json.loads(seed)
        except ValueError:
            doc = None
        if isinstance(doc, dict | list):
            return json.dumps(_replace_somewhere(doc, draw)).encode("utf-8")
    return _mutate(seed, draw, seeds)


# CI budget: about 60 s for the whole file on a 2-core machine; slow targets get fewer examples.
EXAMPLES = {"verify": 150, "presentation": 150, "qr_image": 200, "sd_jwt": 250, "stacks": 250}
DEFAULT_EXAMPLES = 400


def _check(target: Target) -> None:
    seeds = target.seeds()
    assert seeds, f"{target.name} has no seeds"

    @settings(
        max_examples=EXAMPLES.get(target.name, DEFAULT_EXAMPLES),
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(inputs(seeds))
    def run(data: bytes) -> None:
        run_one(target, data)

    run()


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_target_gives_only_its_own_errors(name: str) -> None:
    _check(TARGETS[name])


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_seeds_run_clean(name: str) -> None:
    """Every seed itself goes through (the mutations start from working inputs)."""
    for seed in TARGETS[name].seeds():
        run_one(TARGETS[name], seed)


def test_a_hang_is_a_finding() -> None:
    """The per-input limit turns a runaway input into an exception, not a frozen run."""

    def spin(data: bytes) -> None:
        while True:
            pass

    with pytest.raises(fuzz_targets.Hang):
        run_one(Target("spin", spin, lambda: [b""], "never ends"), b"", seconds=0.2)
