"""Paths in messages are written as the person at the prompt would type them."""

from __future__ import annotations

import os

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
])
def test_shown_path(tmp_path, monkeypatch, cwd, path, shown):
    for folder in ("w/team/q4", "w/other", "w/te"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    (tmp_path / "link").symlink_to(tmp_path / "w")
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
