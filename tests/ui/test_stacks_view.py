"""The Stacks page over hand-built results (no engine): the list and its order, progress, the
requirement tree with what counts and what is missing, opening a credential, the empty state,
and the "New goal" dialog's definition and its refusals."""

from __future__ import annotations

import re

import pytest

from wallet.stacks.load import load_stack
from wallet.stacks.model import (
    ACHIEVEMENT,
    ALL,
    ANY,
    CREDITS,
    FIELD,
    N_OF,
    Award,
    NodeResult,
    Requirement,
    Stack,
    StackResult,
)
from wallet.ui.goal_dialog import GoalDialog, goal_definition
from wallet.ui.qt import Qt, QtGui, QtWidgets
from wallet.ui.stacks_view import StackRow, StacksView, percent

EMPTY_TEXT = (
    "No stacks yet. Import a pathway (File \u2192 Import Stack\u2026) or build your own goal."
)

TITLES = {
    "c-hs": "Unit 29784: Health and safety in the workplace",
    "c-db": "Unit 31052: Design a relational database",
    "c-py": "Unit 31047: Programming in Python",
    "c-bb1": "Digital Citizenship badge",
    "c-bb2": "Online Collaboration badge",
    "c-bb3": "Data Literacy badge",
    "c-st": "Statistics I",
    "c-da": "Data Analysis with Python",
    "c-ml": "Machine Learning Basics",
}


def leaf(
    kind: str,
    satisfied: bool,
    *,
    counted: list[str] | None = None,
    missing: list[str] | None = None,
    unverified: list[str] | None = None,
    earned: float = 0.0,
    progress: float | None = None,
    **req: object,
) -> NodeResult:
    return NodeResult(
        Requirement(kind, **req),
        satisfied,
        progress if progress is not None else (1.0 if satisfied else 0.0),
        counted=counted or [],
        credits_earned=earned,
        missing=missing or [],
        unverified=unverified or [],
    )


def group(
    kind: str,
    satisfied: bool,
    progress: float,
    children: list[NodeResult],
    *,
    missing: list[str] | None = None,
    **req: object,
) -> NodeResult:
    return NodeResult(
        Requirement(kind, **req), satisfied, progress, children=children, missing=missing or []
    )


def nzqf_certificate() -> StackResult:
    """Level 5 certificate: 25 of 40 credits, and one required unit still missing."""
    core = group(
        ALL,
        False,
        0.5,
        [
            leaf(
                ACHIEVEMENT,
                True,
                counted=["c-hs"],
                name="Unit 29784: Health and safety in the workplace",
                issuer="Te Pūkenga",
            ),
            leaf(
                ACHIEVEMENT,
                False,
                name="Unit 31055: Test and debug software",
                issuer="Te Pūkenga",
                missing=[
                    "Unit 31055: Test and debug software from Te Pūkenga is not in your wallet yet."
                ],
            ),
        ],
        label="Required units",
    )
    credits = leaf(
        CREDITS,
        False,
        counted=["c-db", "c-py"],
        earned=25,
        progress=25 / 40,
        credits=40,
        unit="NZQF credits",
        min_level=5,
        framework="NZQF",
        missing=["15 more NZQF credits at level 5 or above."],
    )
    root = group(ALL, False, 0.58, [core, credits])
    stack = Stack(
        "nzqf-cert",
        "New Zealand Certificate in Software Development (Level 5)",
        Award(
            "New Zealand Certificate in Software Development (Level 5)",
            "Te Pūkenga",
            40,
            "NZQF credits",
            "5",
            "NZQF",
        ),
        root,
        source="ctdl",
    )
    return StackResult(stack, root)


def badge_pathway() -> StackResult:
    """A badge pathway: 2 of the 3 badges, one of them not yet verified."""
    root = group(
        ALL,
        False,
        2 / 3,
        [
            leaf(ACHIEVEMENT, True, counted=["c-bb1"], name="Digital Citizenship badge"),
            leaf(
                ACHIEVEMENT,
                True,
                counted=["c-bb2"],
                unverified=["c-bb2"],
                name="Online Collaboration badge",
            ),
            leaf(
                ACHIEVEMENT,
                False,
                name="Cyber Safety badge",
                missing=["Cyber Safety badge is not in your wallet yet."],
            ),
        ],
    )
    stack = Stack(
        "badges",
        "Digital Skills Pathway",
        Award("Digital Skills Champion", "Open Skills Network"),
        root,
        source="badgr",
    )
    return StackResult(stack, root)


def eqf_bundle() -> StackResult:
    """An EQF level 6 micro-credential bundle, already met."""
    root = group(
        ALL,
        True,
        1.0,
        [
            leaf(
                CREDITS,
                True,
                counted=["c-st", "c-da"],
                earned=17.5,
                credits=15,
                unit="ECTS",
                min_level=6,
                framework="EQF",
            ),
            group(
                N_OF,
                True,
                1.0,
                [
                    leaf(ACHIEVEMENT, True, counted=["c-st"], name="Statistics I"),
                    leaf(ACHIEVEMENT, True, counted=["c-da"], name="Data Analysis with Python"),
                    leaf(
                        ACHIEVEMENT,
                        False,
                        name="Machine Learning Basics",
                        missing=["Machine Learning Basics is not in your wallet yet."],
                    ),
                ],
                n=2,
                label="Two of the core modules",
            ),
        ],
    )
    stack = Stack(
        "eqf",
        "Data Science Foundations",
        Award("Data Science Foundations", "University of Somewhere", 15, "ECTS", "6", "EQF"),
        root,
    )
    return StackResult(stack, root)


def realistic() -> list[StackResult]:
    return [badge_pathway(), eqf_bundle(), nzqf_certificate()]


def deep_result() -> StackResult:
    """Every grouping kind nested, with a parent repeating its children's ids and sentences
    (an engine may aggregate them; the tree must not show them twice)."""
    inner_any = group(
        ANY,
        False,
        0.0,
        [
            leaf(ACHIEVEMENT, False, name="Machine Learning Basics", missing=["ML missing."]),
            leaf(ACHIEVEMENT, False, achievement_id="urn:x:ai-ethics", missing=["Ethics missing."]),
        ],
        missing=["ML missing.", "Ethics missing."],
    )
    n_of = group(
        N_OF,
        False,
        0.5,
        [
            leaf(ACHIEVEMENT, True, counted=["c-st"], name="Statistics I"),
            inner_any,
        ],
        n=2,
    )
    n_of.counted = ["c-st"]  # repeated from the child
    credits = leaf(
        CREDITS,
        True,
        counted=["c-da"],
        earned=20,
        credits=10,
        unit="ECTS",
        min_level=5,
        framework="EQF",
    )
    root = group(
        ALL,
        False,
        0.75,
        [credits, n_of],
        missing=["ML missing.", "Ethics missing.", "Root-only sentence."],
    )
    root.counted = ["c-st", "c-da"]
    stack = Stack("deep", "Deep", Award("Deep"), root)
    return StackResult(stack, root)


@pytest.fixture
def view(qtbot) -> StacksView:
    v = StacksView()
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_empty_state(view) -> None:
    view.set_results([], TITLES)
    assert view.pages.currentWidget() is view.empty
    assert view.empty.text() == EMPTY_TEXT
    assert view.empty.isVisible() and not view.list.isVisible()
    assert view.new_goal_button.isVisible()  # the way out of the empty state stays there
    view.set_results(realistic(), TITLES)
    assert view.pages.currentWidget() is view.splitter
    view.set_results([], TITLES)
    assert view.pages.currentWidget() is view.empty and view.tree.topLevelItemCount() == 0


def test_rows_sorted_by_progress_with_award_and_status(view) -> None:
    view.set_results(realistic(), TITLES)
    rows = view.rows()
    assert [r["name"] for r in rows] == [
        "Data Science Foundations",
        "Digital Skills Pathway",
        "New Zealand Certificate in Software Development (Level 5)",
    ]
    assert [r["progress"] for r in rows] == sorted((r["progress"] for r in rows), reverse=True)
    assert rows[0]["satisfied"] is True and rows[0]["status"] == "\u2713 Satisfied"
    assert rows[1]["status"] == "67%" and rows[2]["status"] == "58%"
    assert not rows[1]["satisfied"] and not rows[2]["satisfied"]
    # The award: credits, level with its framework, awarding body; the award's own name only
    # when it differs from the stack's.
    assert rows[0]["award"] == "15 ECTS \u00b7 EQF level 6 \u00b7 University of Somewhere"
    assert rows[1]["award"] == "Digital Skills Champion \u00b7 Open Skills Network"
    assert rows[2]["award"] == "40 NZQF credits \u00b7 NZQF level 5 \u00b7 Te Pūkenga"
    spoken = view.list.item(0).data(Qt.ItemDataRole.AccessibleTextRole)
    assert spoken.startswith("Data Science Foundations") and spoken.endswith("satisfied")
    assert view.list.item(2).data(Qt.ItemDataRole.AccessibleTextRole).endswith("58 percent")
    # The first (closest) stack is shown.
    assert view.current_stack_id() == "eqf"
    assert view.summary.text() == "\u2713 Satisfied: every requirement is met."


def test_sorting_breaks_ties_and_keeps_selection(view) -> None:
    a, b = badge_pathway(), nzqf_certificate()
    b.root.progress = a.root.progress  # same progress: by name
    view.set_results([b, a], TITLES)
    assert [r["name"] for r in view.rows()][0] == "Digital Skills Pathway"
    view.select_stack("nzqf-cert")
    view.set_results([a, b, eqf_bundle()], TITLES)  # refreshed: same stack stays selected
    assert view.current_stack_id() == "nzqf-cert"
    assert view.title.text().startswith("New Zealand Certificate")


def test_percent_never_rounds_an_open_stack_up_to_100() -> None:
    assert percent(0.996) == 99 and percent(1.0) == 100 and percent(0.58) == 58
    assert percent(-0.2) == 0 and percent(1.7) == 100


def test_tree_of_the_certificate(view) -> None:
    view.set_results(realistic(), TITLES)
    view.select_stack("nzqf-cert")
    assert view.summary.text() == "58% of the way; 2 requirements still open."
    lines = view.tree_lines()
    assert lines == [
        (0, "node", "\u25cb All of these", "\u25cb 0 of 2 done"),
        (1, "node", "\u25cb Required units", "\u25cb 1 of 2 done"),
        (
            2,
            "node",
            "\u2713 Unit 29784: Health and safety in the workplace from Te Pūkenga",
            "\u2713 Done",
        ),
        (3, "credential", TITLES["c-hs"], "counts"),
        (
            2,
            "node",
            "\u25cb Unit 31055: Test and debug software from Te Pūkenga",
            "\u25cb Not yet earned",
        ),
        (
            3,
            "missing",
            "Missing: Unit 31055: Test and debug software from Te Pūkenga is not "
            "in your wallet yet.",
            "",
        ),
        (
            1,
            "node",
            "\u25cb 40 NZQF credits at NZQF level 5 or above",
            "\u25cb 25 of 40 NZQF credits",
        ),
        (2, "credential", TITLES["c-db"], "counts"),
        (2, "credential", TITLES["c-py"], "counts"),
        (2, "missing", "Missing: 15 more NZQF credits at level 5 or above.", ""),
    ]
    # Every row is expanded, so nothing missing hides behind a closed branch.
    it = QtWidgets.QTreeWidgetItemIterator(view.tree)
    while it.value() is not None:
        assert it.value().childCount() == 0 or it.value().isExpanded()
        it += 1


def test_credit_counts_and_unverified_marked(view) -> None:
    view.set_results(
        realistic(), TITLES, credits={"c-db": "15 NZQF credits", "c-py": "10 NZQF credits"}
    )
    view.select_stack("nzqf-cert")
    by_title = {t: s for _d, k, t, s in view.tree_lines() if k == "credential"}
    assert by_title[TITLES["c-db"]] == "counts 15 NZQF credits"
    assert by_title[TITLES["c-py"]] == "counts 10 NZQF credits"
    view.select_stack("badges")
    by_title = {t: s for _d, k, t, s in view.tree_lines() if k == "credential"}
    assert by_title["Online Collaboration badge"] == "counts \u00b7 ! not yet verified"
    assert by_title["Digital Citizenship badge"] == "counts"
    # One credential alone on a credits node: what it counts is the node's total.
    single = nzqf_certificate()
    single.root.children[1].counted = ["c-db"]
    view.set_results([single], TITLES)
    by_title = {t: s for _d, k, t, s in view.tree_lines() if k == "credential"}
    assert by_title[TITLES["c-db"]] == "counts 25 NZQF credits"


def test_satisfied_stack_tree(view) -> None:
    view.set_results(realistic(), TITLES)
    view.select_stack("eqf")
    lines = view.tree_lines()
    assert lines[0] == (0, "node", "\u2713 All of these", "\u2713 Done")
    assert lines[1] == (
        1,
        "node",
        "\u2713 15 ECTS at EQF level 6 or above",
        "\u2713 17.5 ECTS (15 needed)",
    )
    assert (1, "node", "\u2713 Two of the core modules", "\u2713 Done") in lines
    # A met n-of still says what the unmet option lacks, under that option.
    assert (
        3,
        "missing",
        "Missing: Machine Learning Basics is not in your wallet yet.",
        "",
    ) in lines


def test_nested_kinds_and_no_repeats(view) -> None:
    view.set_results([deep_result()], TITLES)
    lines = view.tree_lines()
    texts = [t for _d, _k, t, _s in lines]
    assert lines[0] == (0, "node", "\u25cb All of these", "\u25cb 1 of 2 done")
    assert (1, "node", "\u25cb 2 of these", "\u25cb 1 of 2 done") in lines
    assert (2, "node", "\u25cb Any one of these", "\u25cb Not yet") in lines
    assert (3, "node", "\u25cb urn:x:ai-ethics", "\u25cb Not yet earned") in lines
    assert (
        1,
        "node",
        "\u2713 10 ECTS at EQF level 5 or above",
        "\u2713 20 ECTS (10 needed)",
    ) in lines
    # Each credential and sentence once, at the deepest node that has it.
    assert texts.count("Statistics I") == 1 and texts.count("Data Analysis with Python") == 1
    assert texts.count("Missing: ML missing.") == 1
    assert texts.count("Missing: Ethics missing.") == 1
    assert (1, "missing", "Missing: Root-only sentence.", "") in lines
    # An id the titles do not know is still shown, by its id.
    result = deep_result()
    result.root.children[0].counted = ["zzz-unknown"]
    view.set_results([result], TITLES)
    assert any(t == "Credential zzz-unknown" for _d, _k, t, _s in view.tree_lines())


def test_field_labels_and_excluded_credentials(qtbot, view) -> None:
    field = leaf(
        FIELD,
        False,
        field_of_study="Data science",
        count=2,
        missing=["One more credential in Data science."],
    )
    field.excluded = {"c-ml": "revoked by its issuer"}
    credits = leaf(CREDITS, False, credits=10, unit="ECTS", skill="Python", progress=0.0)
    root = group(ANY, False, 0.0, [field, credits])
    root.excluded = {"c-ml": "revoked by its issuer"}  # repeated from the child
    view.set_results(
        [StackResult(Stack("f", "Field", Award("Field"), root.requirement), root)], TITLES
    )
    lines = view.tree_lines()
    assert (1, "node", "\u25cb 2 credentials in Data science", "\u25cb Not yet") in lines
    assert (1, "node", "\u25cb 10 ECTS, in Python", "\u25cb 0 of 10 ECTS") in lines
    assert [line for line in lines if line[1] in ("excluded", "reason")] == [
        (2, "excluded", "Machine Learning Basics", "\u2717 does not count"),
        (3, "reason", "\u21b3 does not count: revoked by its issuer", ""),
    ]
    item = view.find_credential_item("c-ml")
    view.tree.setFocus()
    view.tree.setCurrentItem(item)
    with qtbot.waitSignal(view.credential_activated, timeout=1000) as sig:
        qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert sig.args == ["c-ml"]


def test_activating_a_counted_credential_emits_its_id(qtbot, view) -> None:
    view.set_results(realistic(), TITLES)
    view.select_stack("nzqf-cert")
    item = view.find_credential_item("c-py")
    assert item is not None
    # Keyboard: select, Enter.
    view.tree.setFocus()
    view.tree.setCurrentItem(item)
    with qtbot.waitSignal(view.credential_activated, timeout=1000) as sig:
        qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert sig.args == ["c-py"]
    # Mouse: double-click the row.
    item = view.find_credential_item("c-db")
    rect = view.tree.visualItemRect(item)
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    with qtbot.waitSignal(view.credential_activated, timeout=1000) as sig:
        qtbot.mouseDClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert sig.args == ["c-db"]
    # A requirement row opens nothing.
    seen: list[str] = []
    view.credential_activated.connect(seen.append)
    view.tree.setCurrentItem(view.tree.topLevelItem(0))
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert seen == []


def test_clicking_a_row_shows_its_tree(qtbot, view) -> None:
    view.set_results(realistic(), TITLES)
    rect = view.list.visualItemRect(view.list.item(1))
    qtbot.mouseClick(view.list.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.current_stack_id() == "badges"
    assert view.title.text() == "Digital Skills Pathway"
    assert view.tree_lines()[0][3] == "\u25cb 2 of 3 done"


def test_names_are_plain_text(view) -> None:
    result = badge_pathway()
    result.stack.name = "<b>Bold</b> & <a href='x'>link</a>"
    view.set_results([result], {"c-bb1": "<img src=x>"})
    assert view.title.textFormat() == Qt.TextFormat.PlainText
    assert view.title.text() == "<b>Bold</b> & <a href='x'>link</a>"
    assert view.rows()[0]["name"] == "<b>Bold</b> & <a href='x'>link</a>"
    assert any(t == "<img src=x>" for _d, _k, t, _s in view.tree_lines())


def test_every_control_has_an_accessible_name(qtbot, view) -> None:
    view.set_results(realistic(), TITLES)
    dialog = view.open_goal_dialog()
    qtbot.addWidget(dialog)
    for root in (view, dialog):
        for w in root.findChildren(QtWidgets.QWidget):
            if isinstance(
                w,
                QtWidgets.QAbstractButton
                | QtWidgets.QLineEdit
                | QtWidgets.QAbstractSpinBox
                | QtWidgets.QComboBox
                | QtWidgets.QAbstractItemView
                | QtWidgets.QGroupBox,
            ):
                if isinstance(
                    w.parent(),
                    QtWidgets.QAbstractSpinBox | QtWidgets.QComboBox | QtWidgets.QLineEdit,
                ):
                    continue  # a spin box's or combo's own editor, a line's clear button
                if (
                    isinstance(w, QtWidgets.QAbstractItemView)
                    and isinstance(w.parent(), QtWidgets.QWidget)
                    and w.parent().metaObject().className() == "QComboBoxPrivateContainer"
                ):
                    continue
                assert w.accessibleName(), (type(w).__name__, w.objectName())


def test_new_goal_button_opens_the_dialog_and_relays_the_goal(qtbot, view) -> None:
    view.set_results([], TITLES, issuers={"c-st": "University of Somewhere"})
    qtbot.mouseClick(view.new_goal_button, Qt.MouseButton.LeftButton)
    dialog = view.goal_dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.picks.count() == len(TITLES)
    dialog.name_edit.setText("My data goal")
    dialog.picks_box.setChecked(True)
    dialog.set_picked(["c-st"])
    with qtbot.waitSignal(view.goal_created, timeout=1000) as sig:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    definition = sig.args[0]
    assert definition["name"] == "My data goal"
    assert definition["requirement"] == {
        "type": "all",
        "id": "root",
        "of": [
            {
                "type": "achievement",
                "id": "pick/0",
                "name": "Statistics I",
                "issuer": "University of Somewhere",
            }
        ],
    }
    stack = load_stack(definition)  # the stacks loader reads it as it is
    assert stack.root.children[0].issuer == "University of Somewhere"


# ----- the goal dialog ---------------------------------------------------------------------------


@pytest.fixture
def dialog(qtbot) -> GoalDialog:
    d = GoalDialog(TITLES)
    qtbot.addWidget(d)
    d.show()
    qtbot.waitExposed(d)
    return d


def test_goal_with_credits_and_n_of(qtbot, dialog) -> None:
    qtbot.keyClicks(dialog.name_edit, "  Level 5 Certificate in Data  ")
    dialog.body_edit.setText("Te Pūkenga")  # QTest cannot type a macron
    dialog.credits_box.setChecked(True)
    dialog.credits_spin.setValue(40)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("NZQF credits"))
    dialog.level_spin.setValue(4)
    dialog.picks_box.setChecked(True)
    dialog.set_picked(["c-st", "c-da", "c-ml"])
    dialog.n_radio.setChecked(True)
    dialog.n_spin.setValue(2)
    with qtbot.waitSignal(dialog.goal_created, timeout=1000) as sig:
        dialog.ok_button.click()
    got = sig.args[0]
    assert re.fullmatch(r"goal-level-5-certificate-in-data-[0-9a-f]{8}", got["id"])
    assert got == {
        "format": "learner-wallet-stack/1",
        "id": got["id"],
        "name": "Level 5 Certificate in Data",
        "source": "own",
        "award": {
            "name": "Level 5 Certificate in Data",
            "awardingBody": "Te Pūkenga",
            "credits": {"value": 40, "unit": "NZQF credits"},
            "level": {"value": "4", "framework": "NZQF"},
        },
        "requirement": {
            "type": "all",
            "id": "root",
            "of": [
                {
                    "type": "credits",
                    "id": "credits",
                    "credits": 40,
                    "unit": "NZQF credits",
                    "minLevel": 4,
                    "framework": "NZQF",
                },
                {
                    "type": "n-of",
                    "id": "picks",
                    "n": 2,
                    "of": [
                        {
                            "type": "achievement",
                            "id": "pick/0",
                            "name": "Data Analysis with Python",
                        },
                        {"type": "achievement", "id": "pick/1", "name": "Machine Learning Basics"},
                        {"type": "achievement", "id": "pick/2", "name": "Statistics I"},
                    ],
                },
            ],
        },
    }
    assert not dialog.isVisible() and dialog.result_definition == got
    # What the stacks engine will see.
    stack = load_stack(got)
    assert stack.award == Award(
        "Level 5 Certificate in Data", "Te Pūkenga", 40, "NZQF credits", "4", "NZQF"
    )
    credits, picks = stack.root.children
    assert (credits.kind, credits.credits, credits.min_level, credits.framework) == (
        CREDITS,
        40,
        4,
        "NZQF",
    )
    assert (picks.kind, picks.n, [c.name for c in picks.children]) == (
        N_OF,
        2,
        ["Data Analysis with Python", "Machine Learning Basics", "Statistics I"],
    )


def test_goal_credits_only_ects_any_level(qtbot, dialog) -> None:
    dialog.name_edit.setText("Half a year abroad")
    dialog.credits_box.setChecked(True)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("ECTS"))
    assert dialog.framework_combo.currentData() == "EQF"  # follows the unit
    dialog.credits_spin.setValue(7.5)
    assert dialog.credits_spin.text() == "7.5"
    got = dialog.definition()
    assert got is not None
    assert got["requirement"]["of"] == [
        {"type": "credits", "id": "credits", "credits": 7.5, "unit": "ECTS", "framework": "EQF"}
    ]
    assert got["award"] == {"name": "Half a year abroad", "credits": {"value": 7.5, "unit": "ECTS"}}
    load_stack(got)
    dialog.unit_combo.setCurrentIndex(dialog.unit_combo.findData("hours"))
    got = dialog.definition()
    assert got["requirement"]["of"] == [
        {"type": "credits", "id": "credits", "credits": 7.5, "unit": "hours"}
    ]
    load_stack(got)


def test_goal_all_of_picked(dialog) -> None:
    dialog.name_edit.setText("Badges")
    dialog.picks_box.setChecked(True)
    dialog.set_picked(["c-bb1", "c-bb3"])
    got = dialog.definition()
    assert got["requirement"] == {
        "type": "all",
        "id": "root",
        "of": [
            {"type": "achievement", "id": "pick/0", "name": "Data Literacy badge"},
            {"type": "achievement", "id": "pick/1", "name": "Digital Citizenship badge"},
        ],
    }
    assert got["award"] == {"name": "Badges"}
    assert [c.kind for c in load_stack(got).root.children] == [ACHIEVEMENT, ACHIEVEMENT]
    # Unticking the group drops its picks from the goal.
    dialog.credits_box.setChecked(True)
    dialog.picks_box.setChecked(False)
    assert [c["type"] for c in dialog.definition()["requirement"]["of"]] == ["credits"]


@pytest.mark.parametrize(
    "setup, message",
    [
        (lambda d: d.picks_box.setChecked(True) or d.set_picked(["c-st"]), "Give the goal a name."),
        (lambda d: d.name_edit.setText("x"), "Add a requirement"),
        (
            lambda d: d.name_edit.setText("x") or d.picks_box.setChecked(True),
            "Pick at least one credential",
        ),
        (
            lambda d: (
                d.name_edit.setText("x")
                or d.credits_box.setChecked(True)
                or d.credits_spin.setValue(0)
            ),
            "The credit total must be more than 0.",
        ),
        (
            lambda d: (
                d.name_edit.setText("x"),
                d.picks_box.setChecked(True),
                d.set_picked(["c-st", "c-da"]),
                d.n_radio.setChecked(True),
                d.n_spin.setValue(3),
            ),
            "You picked 2, so \u201cat least 3 of these\u201d can never be met.",
        ),
        (
            lambda d: (
                d.name_edit.setText("x"),
                d.credits_box.setChecked(True),
                d.level_spin.setValue(5),
                d.framework_combo.setCurrentIndex(d.framework_combo.findData("")),
            ),
            "A minimum level needs its framework",
        ),
    ],
)
def test_goal_refuses_bad_input_inline(qtbot, dialog, setup, message) -> None:
    setup(dialog)
    emitted: list[dict] = []
    dialog.goal_created.connect(emitted.append)
    dialog.ok_button.click()
    assert dialog.isVisible() and emitted == [] and dialog.definition() is None
    assert dialog.error.isVisible() and dialog.error.text().startswith(message)
    assert dialog.error.textFormat() == Qt.TextFormat.PlainText
    # Editing clears the complaint.
    qtbot.keyClicks(dialog.name_edit, "y")
    assert not dialog.error.isVisible()


def test_goal_whitespace_name_and_filter(qtbot, dialog) -> None:
    dialog.name_edit.setText("   ")
    dialog.credits_box.setChecked(True)
    assert dialog.problem() == "Give the goal a name."
    dialog.picks_box.setChecked(True)  # the checklist is usable only once ticked
    qtbot.keyClicks(dialog.filter_edit, "badge")
    shown = [
        dialog.picks.item(r).text()
        for r in range(dialog.picks.count())
        if not dialog.picks.item(r).isHidden()
    ]
    assert shown == [
        "Data Literacy badge",
        "Digital Citizenship badge",
        "Online Collaboration badge",
    ]


def test_goal_cancel_emits_nothing(qtbot, dialog) -> None:
    dialog.name_edit.setText("x")
    dialog.credits_box.setChecked(True)
    emitted: list[dict] = []
    dialog.goal_created.connect(emitted.append)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible() and emitted == [] and dialog.result_definition is None


def test_goal_definition_ids_differ() -> None:
    a = goal_definition(name="Same", credits=10, unit="ECTS")
    b = goal_definition(name="Same", credits=10, unit="ECTS")
    assert a["id"] != b["id"] and a["id"].startswith("goal-same-")
    assert goal_definition(name="!!!", credits=1)["id"].startswith("goal-goal-")


def test_list_row_roles_for_the_delegate(view) -> None:
    view.set_results(realistic(), TITLES)
    item = view.list.item(0)
    assert item.data(StackRow.PROGRESS) == 1.0 and item.data(StackRow.SATISFIED) is True
    option = QtWidgets.QStyleOptionViewItem()
    option.initFrom(view.list)
    hint = view.list.itemDelegate().sizeHint(option, view.list.model().index(0, 0))
    assert hint.height() > 2 * view.fontMetrics().height()


def test_same_badge_twice_is_one_requirement(qtbot) -> None:
    d = GoalDialog(
        {"a": "First Aid", "b": "First Aid", "c": "First Aid"},
        issuers={"a": "Red Cross", "b": "Red Cross", "c": "St John"},
    )
    qtbot.addWidget(d)
    d.name_edit.setText("Safety")
    d.picks_box.setChecked(True)
    d.set_picked(["a", "b", "c"])
    assert d.definition()["requirement"]["of"] == [
        {"type": "achievement", "id": "pick/0", "name": "First Aid", "issuer": "Red Cross"},
        {"type": "achievement", "id": "pick/1", "name": "First Aid", "issuer": "St John"},
    ]


def test_colours_follow_a_dark_palette(view) -> None:
    view.set_results(realistic(), TITLES)
    view.select_stack("badges")

    def done_colour() -> str:
        item = view.tree.topLevelItem(0).child(0)
        assert item.text(1) == "\u2713 Done"
        return item.foreground(1).color().name()

    assert done_colour() == "#1b7a2f"
    dark = QtGui.QPalette(QtGui.QColor("#353535"), QtGui.QColor("#2b2b2b"))
    dark.setColor(QtGui.QPalette.ColorRole.Base, QtGui.QColor("#1e1e1e"))
    dark.setColor(QtGui.QPalette.ColorRole.Text, QtGui.QColor("#e8e8e8"))
    view.setPalette(dark)
    assert view.current_stack_id() == "badges"  # redrawn, same stack
    assert done_colour() == "#6fdc8c"
