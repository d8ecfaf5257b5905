"""Roll-over: which objectives are unfinished, what their successors hold (tables), and
`okrtui rollover` as a real subprocess."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from okrtui.core.model import Checkin, KeyResult, Objective
from okrtui.core.periods import parse_period
from okrtui.core.rollover import candidates, is_unfinished, plan
from okrtui.core.store import load_workspace

from .conftest import DATA, run_okrtui

Q4, Q1 = parse_period("2026-Q4"), parse_period("2027-Q1")
AFTER = date(2027, 1, 5)


def kr(kr_id="stars", start=120, target=500, values=(), kind="metric", **extra) -> KeyResult:
    checkins = tuple(Checkin(date.fromisoformat(d), v) for d, v in values)
    title = f"Stars from {start} to {target}" if kind == "metric" else kr_id.title()
    return KeyResult(id=kr_id, title=title, type=kind,
                     start=start if kind == "metric" else None,
                     target=target if kind == "metric" else None, checkins=checkins, **extra)


def objective(*krs, oid="platform/2026-Q4/grow", commitment="committed", kind="performance",
              parent="", rolled_to="") -> Objective:
    return Objective(id=oid, path=Path(f"{oid}.toml"), title="Grow", period=Q4, owner="plat",
                     commitment=commitment, kind=kind, parent=parent, rolled_to=rolled_to,
                     key_results=krs)


@pytest.mark.parametrize(("o", "unfinished"), [
    (objective(kr(values=[("2026-12-01", 300)])), True),
    (objective(kr(values=[("2026-12-01", 500)])), False),
    # aspirational: 0.7 is success
    (objective(kr(start=0, target=10, values=[("2026-12-01", 7)]), commitment="aspirational"),
     False),
    (objective(kr(start=0, target=10, values=[("2026-12-01", 6)]), commitment="aspirational"),
     True),
    # a value recorded after the period's end does not count
    (objective(kr(values=[("2026-12-01", 300), ("2027-01-03", 500)])), True),
    # a learning goal is unfinished while any key result is not done
    (objective(kr(start=0, target=10, values=[("2026-12-01", 8)]), kind="learning",
               commitment="aspirational"), True),
    # no scored key results: nothing to carry
    (objective(), False),
])
def test_unfinished(o, unfinished):
    assert is_unfinished(o, AFTER) is unfinished


def test_candidates_skip_other_periods_and_objectives_rolled_already():
    open_ = objective(kr(values=[("2026-12-01", 300)]))
    rolled = objective(kr(values=[("2026-12-01", 300)]), oid="a/2026-Q4/b", rolled_to="x")
    assert candidates([open_, rolled], Q4, AFTER) == [open_]
    assert candidates([open_], Q1, AFTER) == []


def test_plan_starts_from_the_latest_value_and_leaves_done_key_results_behind():
    source = objective(
        kr(values=[("2026-11-01", 250), ("2026-12-20", 297), ("2027-01-02", 400)]),
        kr("drop", start=10, target=2, values=[("2026-12-01", 5)]),
        kr("guide", kind="milestone", values=[("2026-12-01", True)]),
        kr("uptime", kind="health", min=99.5),
        parent="company/2026-Q4/share")
    parent = objective(kr(values=[("2026-12-01", 1)]), oid="company/2026-Q4/share")
    rollover = plan([source, parent], Q1)[0]
    assert rollover.rel_path == "platform/2027-Q1/grow"
    assert rollover.fields == {"title": "Grow", "period": "2027-Q1", "owner": "plat",
                               "commitment": "committed", "parent": "company/2027-Q1/share",
                               "rolled_from": "platform/2026-Q4/grow"}
    carried = {k.fields["id"]: k.fields for k in rollover.key_results}
    assert carried["stars"] == {"id": "stars", "title": "Stars from 297 to 500", "start": 297,
                                "target": 500}
    assert carried["drop"]["start"] == 5 and carried["drop"]["target"] == 2
    assert carried["uptime"] == {"id": "uptime", "title": "Uptime", "type": "health",
                                 "min": 99.5}
    assert rollover.finished == ["guide"]


def test_a_parent_not_rolled_keeps_its_id_and_a_taken_path_is_skipped():
    source = objective(kr(values=[("2026-12-01", 300)]), parent="company/2026-Q4/share")
    assert plan([source], Q1)[0].fields["parent"] == "company/2026-Q4/share"
    assert plan([source], Q1, frozenset({"platform/2027-Q1/grow"})) == []


# -- okrtui rollover ---------------------------------------------------------------------------

@pytest.fixture
def team(tmp_path) -> Path:
    root = tmp_path / "okrs"
    shutil.copytree(DATA / "team", root)
    return root


def rollover(root: Path, *args: str):
    return run_okrtui("rollover", *args, "--dir", str(root), "--today", "2027-01-05")


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*"))
            if p.is_file()}


def test_dry_run_writes_nothing(team):
    before = snapshot(team)
    result = rollover(team, "--to", "2027-Q1", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "platform/2026-Q4/grow-community -> platform/2027-Q1/grow-community" in result.stdout
    assert "stars: start 120 -> 297 (latest value)" in result.stdout
    assert "guide: done, left behind" in result.stdout
    assert snapshot(team) == before


def test_rollover_writes_successors_and_links_the_originals(team):
    original = team / "platform/2026-Q4/grow-community.toml"
    before = original.read_text()
    result = rollover(team, "--to", "2027-Q1")
    assert result.returncode == 0, result.stderr
    after = original.read_text()
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == ['rolled_to = "platform/2027-Q1/grow-community"']
    assert len(after.splitlines()) == len(before.splitlines()) + 1
    workspace = load_workspace(team, use_cache=False)
    assert workspace.errors == ()
    new = workspace.find("platform/2027-Q1/grow-community")
    assert new.rolled_from == "platform/2026-Q4/grow-community"
    assert [(k.id, k.start, k.checkins) for k in new.key_results] == [
        ("stars", 297, ()), ("contributors", 5, ())]
    status = run_okrtui("status", "--dir", str(team), "--today", "2027-01-05")
    assert "Grow an engaged open-source community" in status.stdout
    again = rollover(team, "--to", "2027-Q1")
    assert again.returncode == 0 and "Nothing to roll over" in again.stdout


def test_rollover_of_a_hand_written_crlf_file_adds_one_line(tmp_path):
    root = tmp_path / "okrs"
    root.mkdir()
    text = (DATA / "handwritten.toml").read_bytes().replace(b"\n", b"\r\n")
    (root / "2026-Q4").mkdir()
    (root / "2026-Q4" / "grow.toml").write_bytes(text)
    result = rollover(root, "grow", "--to", "2027-Q1")
    assert result.returncode == 0, result.stderr
    after = (root / "2026-Q4" / "grow.toml").read_bytes()
    assert after.count(b"\r\n") == text.count(b"\r\n") + 1
    assert after.replace(b'rolled_to = "2027-Q1/grow"\r\n', b"") == text
    assert (root / "2027-Q1" / "grow.toml").exists()


def test_rollover_of_one_named_objective(team):
    result = rollover(team, "grow-community", "--to", "2027-Q1")
    assert result.returncode == 0
    assert (team / "platform/2027-Q1/grow-community.toml").exists()
    assert not (team / "company/2027-Q1/market-share.toml").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["--to", "2027-Q5"], "2027-Q5"),
    (["nothing-like-this", "--to", "2027-Q1"], "no objective"),
])
def test_rollover_errors_say_what_is_wrong(team, args, message):
    result = rollover(team, *args)
    assert result.returncode == 2 and message in result.stderr
