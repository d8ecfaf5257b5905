"""Paths in messages are written as the person at the prompt would type them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from okrtui.cli.common import shown_path


@pytest.mark.parametrize(("cwd", "path", "shown"), [
    ("w", "w/a.toml", "a.toml"),
    ("w", "w/team/q4/a.toml", "team/q4/a.toml"),
    ("w/team", "w/team/q4/a.toml", "q4/a.toml"),
    ("w/team", "w/other/a.toml", "{tmp}/w/other/a.toml"),  # not below: as given
    ("w/team", "w/a.toml", "{tmp}/w/a.toml"),
    ("link", "w/team/a.toml", "team/a.toml"),  # the folder reached through a symlink
    ("w", "link/team/a.toml", "team/a.toml"),
    ("w/te", "w/team/a.toml", "{tmp}/w/team/a.toml"),  # a prefix of a name is not a folder
    ("w", "w/mid/q4/a.toml", "team/q4/a.toml"),  # a symlink inside the workspace
    ("w", "w/other/../team/a.toml", "team/a.toml"),
    ("w/team/q4", "w/mid/q4/a.toml", "a.toml"),
])
def test_shown_path(tmp_path, monkeypatch, cwd, path, shown):
    for folder in ("w/team/q4", "w/other", "w/te"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    (tmp_path / "link").symlink_to(tmp_path / "w")
    (tmp_path / "w" / "mid").symlink_to(tmp_path / "w" / "team")
    monkeypatch.chdir(tmp_path / cwd)
    assert shown_path(tmp_path / path) == shown.format(tmp=tmp_path)


def test_each_folder_is_worked_out_once(tmp_path, monkeypatch):
    """lint prints a path per problem: hundreds, in a few folders."""
    monkeypatch.chdir(tmp_path)
    worked_out = []
    relpath = os.path.relpath
    monkeypatch.setattr(os.path, "relpath", lambda *a: worked_out.append(a) or relpath(*a))
    for folder in ("a", "b", "c"):
        (tmp_path / folder).mkdir()
        for n in range(10):
            assert shown_path(tmp_path / folder / f"{n}.toml") == f"{folder}/{n}.toml"
    assert len(worked_out) == 3


def test_a_relative_path_is_relative_to_the_current_folder(tmp_path, monkeypatch):
    (tmp_path / "w" / "team").mkdir(parents=True)
    monkeypatch.chdir(tmp_path / "w")
    assert shown_path(Path("team/a.toml")) == "team/a.toml"
    assert shown_path(Path("a.toml")) == "a.toml"
    monkeypatch.chdir(tmp_path / "w" / "team")
    assert shown_path(Path("../a.toml")) == "../a.toml"  # not below: as given


def test_a_folder_below_a_known_one_costs_one_system_call(tmp_path, monkeypatch):
    """A folder of years: 500 files in 179 folders, seven levels deep."""
    deep = tmp_path / "a" / "b" / "c" / "d"
    for name in ("e", "f", "g"):
        (deep / name).mkdir(parents=True)
    monkeypatch.chdir(tmp_path)
    shown_path(deep / "e" / "x.toml")
    calls = []
    lstat = os.lstat
    monkeypatch.setattr(os, "lstat", lambda *a, **k: calls.append(a) or lstat(*a, **k))
    assert shown_path(deep / "f" / "x.toml") == "a/b/c/d/f/x.toml"
    assert shown_path(deep / "g" / "x.toml") == "a/b/c/d/g/x.toml"
    assert len(calls) == 2
