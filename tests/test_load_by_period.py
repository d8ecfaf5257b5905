"""Loading one period of a folder of years: the files of other periods are indexed (their
problems still reported) but their objectives are not built; then the whole folder from
the same reading; scores computed when first asked for."""

import os
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from okrtui.core.periods import parse_period, shown_in
from okrtui.core.scorebook import Scorebook
from okrtui.core.scoring import score_objective
from okrtui.core.settings import load_settings
from okrtui.core.store import load_in_steps, load_workspace

Q4 = parse_period("2026-Q4")
FILES = {
    "q3/old.toml": 'title = "Old"\nperiod = "2026-Q3"\n',
    "q4/now.toml": 'title = "Now"\nperiod = "2026-Q4"\n',
    "year.toml": 'title = "Year"\nperiod = "2026"\n',
    "q3/broken.toml": 'title = "Broken\nperiod = "2026-Q3"\n',
    "q2/also-old.toml": ('title = "Also old"\nperiod = "2026-Q2"\n\n[[key_results]]\n'
                         'id = "k"\ntitle = "K from 0 to 10"\nstart = 0\ntarget = 10\n'
                         'checkins = [{ date = 2026-05-01, value = 4 }]\n'),
}


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in FILES.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
        old = time.time() - 60  # old enough to be cached
        os.utime(path, (old, old))
    return tmp_path


@pytest.mark.parametrize("period, view, shown", [
    ("2026-Q4", "2026-Q4", True), ("2026", "2026-Q4", True), ("2026-Q3", "2026-Q4", False),
    ("2026-Q4", "2026", True), ("2025-Q4", "2026-Q4", False), ("2026-Q4", None, True),
    (None, "2026-Q4", True), (None, None, True),
])
def test_shown_in(period, view, shown):
    as_period = parse_period(period) if period else None
    assert shown_in(as_period, parse_period(view) if view else None) is shown


@pytest.mark.parametrize("use_cache, warm", [(False, False), (True, False), (True, True)])
def test_only_builds_the_period_and_still_reports_every_problem(folder, use_cache, warm):
    if warm:
        load_workspace(folder)
    whole = load_workspace(folder, use_cache=use_cache)
    limited = load_workspace(folder, use_cache=use_cache, only=Q4)
    assert sorted(whole.by_id) == ["q2/also-old", "q3/old", "q4/now", "year"]
    assert sorted(limited.by_id) == ["q4/now", "year"]
    assert limited.left_out == 2 and whole.left_out == 0
    assert limited.problems == whole.problems
    assert [p.path.name for p in limited.errors] == ["broken.toml"]
    assert limited.by_id["q4/now"] == whole.by_id["q4/now"]


def test_objectives_unpickled_from_the_cache_equal_a_fresh_parse(folder):
    load_workspace(folder)
    cached = load_workspace(folder)
    fresh = load_workspace(folder, use_cache=False)
    assert cached.objectives == fresh.objectives


def test_steps_give_the_period_then_the_whole_folder_with_the_same_objects(folder):
    first, whole = load_in_steps(folder, Q4)
    assert sorted(first.by_id) == ["q4/now", "year"]
    assert sorted(whole.by_id) == ["q2/also-old", "q3/old", "q4/now", "year"]
    assert whole.by_id["q4/now"] is first.by_id["q4/now"]


def test_one_step_when_nothing_is_left_out(folder):
    assert len(list(load_in_steps(folder, None))) == 1
    assert len(list(load_in_steps(folder, parse_period("2026")))) == 1


def test_scorebook_scores_on_first_use_and_takes_over_known_scores(folder):
    first, whole = load_in_steps(folder, Q4)
    settings = load_settings(folder)
    today = date(2026, 11, 22)
    early = Scorebook(first.by_id, today, settings)
    assert dict(early) == {}  # nothing scored until asked for
    for oid in first.by_id:
        early[oid]  # noqa: B018
    assert set(dict(early)) == {"q4/now", "year"}
    book = Scorebook(whole.by_id, today, settings, known=early)
    assert dict(book)["q4/now"] is early["q4/now"]  # taken over, not scored again
    assert "q2/also-old" in book and "q2/also-old" not in dict(book)  # not scored yet
    expected = score_objective(whole.by_id["q2/also-old"], today, settings.thresholds,
                               settings.cadence)
    assert book["q2/also-old"] == expected and book.get("q2/also-old") == expected
    assert "nope" not in book and book.get("nope") is None
    with pytest.raises(KeyError):
        book["nope"]  # noqa: B018
    other_day = Scorebook(whole.by_id, date(2026, 12, 1), settings, known=early)
    assert dict(other_day) == {}  # a score of another day is not taken over
    assert book.scores_alike(early) and book.scores_alike(book)
    assert not early.scores_alike(book) and not other_day.scores_alike(early)


@pytest.mark.parametrize("enabled_before", [True, False])
def test_loading_leaves_the_garbage_collector_as_it_found_it(folder, enabled_before):
    import gc

    was = gc.isenabled()
    try:
        if not enabled_before:
            gc.disable()
        workspace = load_workspace(folder)
        assert workspace.objectives
        assert gc.isenabled() is enabled_before
    finally:
        if was:
            gc.enable()


def test_no_garbage_collection_while_objectives_are_built(tmp_path, collections_seen):
    """Thousands of check-ins unpickled from the cache, none of them garbage: the cyclic
    collector is kept from walking them again and again while they pile up."""

    days = [date(2026, 10, 1) + timedelta(days=n) for n in range(90)]
    checkins = ", ".join(f"{{ date = {day}, value = {n} }}" for n, day in enumerate(days))
    for n in range(60):
        path = tmp_path / f"o{n}.toml"
        path.write_text(f'title = "O{n}"\nperiod = "2026-Q4"\n\n[[key_results]]\nid = "k"\n'
                        f'title = "K from 0 to 50"\nstart = 0\ntarget = 50\n'
                        f"checkins = [{checkins}]\n" * 1)
        old = time.time() - 60
        os.utime(path, (old, old))
    load_workspace(tmp_path)  # parsed and cached
    collections_seen.clear()
    workspace = load_workspace(tmp_path)  # unpickled: 5,400 check-ins
    collections = [generation for generation, _ in collections_seen]
    assert sum(len(kr.checkins) for o in workspace.objectives for kr in o.key_results) == 5400
    assert len(collections) <= 1, collections  # one, once the collector is on again


def test_status_sorts_each_key_results_checkins_once(tmp_path, monkeypatch, capsys):
    """The score holds the check-ins that count; the sparkline takes them from it."""
    import okrtui.core.scoring as scoring
    from okrtui.cli.main import main
    from okrtui.core.example import write_example

    write_example(tmp_path, date(2026, 11, 22))
    sorted_for: list[str] = []
    real = scoring.checkins_until

    def counting(kr, *args, **kwargs):
        sorted_for.append(kr.id)
        return real(kr, *args, **kwargs)

    monkeypatch.setattr(scoring, "checkins_until", counting)
    assert main(["status", "--dir", str(tmp_path), "--today", "2026-11-22"]) == 0
    shown = load_workspace(tmp_path, only=parse_period("2026-Q4")).objectives
    key_results = [kr.id for objective in shown for kr in objective.key_results]
    assert "▁" in capsys.readouterr().out  # sparklines drawn
    assert sorted(sorted_for) == sorted(key_results) and len(key_results) > 5
