"""Stack evaluation speed: 50 stacks against a generated 10,000-credential wallet.

The credentials are built in memory as the engine sees them (`Held`: record + verdict), with a
realistic mix: micro-credentials with NZQF or EQF credits and levels, plain badges, 300
distinct courses, 20 fields, 60 skill alignments, some expired, failed, unknown or unchecked.
The 50 stacks mix every requirement kind: credit totals with level floors and a compulsory
course (credentials contested between leaves, reuse off), n-of over courses, any/all over
alignments, fields, conversions, maximum ages and nested stacks.

Target (issue 5): all 50 under 200 ms, index over the wallet included.
Last line: {"stacks", "credentials", "eval_ms"} (median of the runs, index build included).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import time

from wallet.credential import OB3, Alignment, Credential, Credits, Issuer, Level
from wallet.stacks.engine import Held, Holdings, evaluate_all
from wallet.stacks.model import Award, Requirement, Stack

AT = dt.datetime(2026, 9, 1, tzinfo=dt.UTC)
FIELDS = [f"field {i}" for i in range(20)]
COURSES = 300
SKILLS = 60


def course_id(k: int) -> str:
    return f"https://bench.example/achievements/course-{k}"


def skill_url(k: int) -> str:
    return f"https://bench.example/skills/{k}"


def generated_wallet(n: int, seed: int = 5) -> list[Held]:
    rng = random.Random(seed)
    issuers = [
        Issuer(id=f"did:web:issuer{i}.example", name=f"Bench Institute {i}") for i in range(37)
    ]
    out = []
    for i in range(n):
        k = rng.randrange(COURSES)
        micro = rng.random() < 0.6
        framework = rng.choice(["NZQF", "NZQF", "EQF"])
        credits = level = None
        if micro:
            if framework == "NZQF":
                credits = Credits(float(rng.choice([5, 10, 15, 20])), "NZQF credits")
                level = Level(str(rng.choice([3, 4, 4, 5, 5, 6])), "NZQF")
            else:
                credits = Credits(float(rng.choice([2, 5, 10])), "ECTS")
                level = Level(str(rng.choice([5, 6, 6, 7])), "EQF")
        issued = AT - dt.timedelta(days=rng.randrange(1, 3000))
        expired = rng.random() < 0.05
        c = Credential(
            format=OB3,
            proof_form="data-integrity",
            title=f"Course {k}: Applied Topic {k % 97}",
            issuer=issuers[k % 37],
            issued=issued.isoformat().replace("+00:00", "Z"),
            valid_until=(AT - dt.timedelta(days=10)).isoformat() if expired else None,
            achievement_id=course_id(k),
            achievement_type="MicroCredential" if micro else "Badge",
            credits=credits,
            level=level,
            learning_outcomes=[f"Apply topic {k % 97} in practice"],
            alignments=[
                Alignment(
                    target_name=f"Skill {s}",
                    target_url=skill_url(s),
                    target_type="ceasn:Competency",
                )
                for s in rng.sample(range(SKILLS), rng.randrange(0, 3))
            ],
            tags=[FIELDS[k % len(FIELDS)]],
        )
        roll = rng.random()
        verdict = (
            "verified"
            if roll < 0.85
            else "warning"
            if roll < 0.90
            else "failed"
            if roll < 0.95
            else "unknown"
            if roll < 0.98
            else None
        )
        out.append(Held(f"{i:016x}", c, verdict))
    return out


def _ach(k: int) -> Requirement:
    return Requirement("achievement", achievement_id=course_id(k))


def _stack(i: int, root: Requirement, *, reuse: bool = False) -> Stack:
    def number(r: Requirement, rid: str) -> None:
        r.id = rid
        for j, c in enumerate(r.children):
            number(c, f"{rid}/{j}")

    number(root, "root")
    return Stack(
        id=f"bench-{i}",
        name=f"Bench stack {i}",
        award=Award(name=f"Award {i}"),
        root=root,
        allow_reuse=reuse,
    )


def generated_stacks(seed: int = 7) -> list[Stack]:
    rng = random.Random(seed)
    stacks = []
    for i in range(50):
        kind = i % 6
        if kind == 0:  # NZ-style certificate: credits with floors plus a compulsory course
            root = Requirement(
                "all",
                children=[
                    Requirement(
                        "credits",
                        credits=float(rng.choice([40, 60, 120])),
                        unit="NZQF credits",
                        framework="NZQF",
                        min_level=4,
                        floors=[{"credits": 15.0, "min_level": 5}],
                    ),
                    _ach(rng.randrange(COURSES)),
                ],
            )
        elif kind == 1:  # n-of over courses
            ks = rng.sample(range(COURSES), 6)
            root = Requirement("n-of", n=4, children=[_ach(k) for k in ks])
        elif kind == 2:  # skills: all of two, one of three others
            ss = rng.sample(range(SKILLS), 5)
            root = Requirement(
                "all",
                children=[
                    Requirement("achievement", alignment_target=skill_url(ss[0])),
                    Requirement("achievement", alignment_target=skill_url(ss[1])),
                    Requirement(
                        "any",
                        children=[
                            Requirement("achievement", alignment_target=skill_url(s))
                            for s in ss[2:]
                        ],
                    ),
                ],
            )
        elif kind == 3:  # field counts and credits in a field
            f = rng.choice(FIELDS)
            root = Requirement(
                "all",
                children=[
                    Requirement("field", field_of_study=f, count=3),
                    Requirement("credits", credits=30.0, unit="NZQF credits", field_of_study=f),
                ],
            )
        elif kind == 4:  # ECTS with a conversion and a maximum age
            root = Requirement(
                "credits",
                credits=30.0,
                unit="ECTS",
                framework="EQF",
                min_level=6,
                conversions={"NZQF credits": 0.5},
                max_age_days=5 * 365,
            )
        else:  # nested: two earlier stacks, and a course
            root = Requirement(
                "all",
                children=[
                    Requirement("stack", stack_id=f"bench-{rng.randrange(max(1, i - 5))}"),
                    Requirement("stack", stack_id=f"bench-{rng.randrange(max(1, i - 5))}"),
                    _ach(rng.randrange(COURSES)),
                ],
            )
        stacks.append(_stack(i, root, reuse=(i % 10 == 9)))
    return stacks


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--credentials", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=7)
    args = ap.parse_args()
    held = generated_wallet(args.credentials)
    stacks = generated_stacks()
    index_ms, eval_ms, total_ms = [], [], []
    results = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        holdings = Holdings(held)
        t1 = time.perf_counter()
        results = evaluate_all(stacks, holdings, at=AT)
        t2 = time.perf_counter()
        index_ms.append((t1 - t0) * 1000)
        eval_ms.append((t2 - t1) * 1000)
        total_ms.append((t2 - t0) * 1000)
    satisfied = sum(r.satisfied for r in results)
    mean_progress = statistics.mean(r.progress for r in results)
    print(f"{len(stacks)} stacks x {len(held)} credentials, {args.runs} runs (median, ms)")
    print(f"  index over the wallet   {statistics.median(index_ms):8.1f}")
    print(f"  evaluate 50 stacks      {statistics.median(eval_ms):8.1f}")
    print(f"  both                    {statistics.median(total_ms):8.1f}   (target < 200)")
    print(f"  satisfied {satisfied}/{len(stacks)}, mean progress {mean_progress:.3f}")
    print(
        json.dumps(
            {
                "stacks": len(stacks),
                "credentials": len(held),
                "eval_ms": round(statistics.median(total_ms), 1),
            }
        )
    )


if __name__ == "__main__":
    main()
