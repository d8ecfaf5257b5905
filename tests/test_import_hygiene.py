"""The core and the shell commands never load the UI libraries."""

import os
import subprocess
import sys
import time

import pytest

UI = ("textual", "rich", "plotext", "textual_plotext")


@pytest.mark.parametrize("module", [
    "okrtui.core.model", "okrtui.core.periods", "okrtui.core.scoring", "okrtui.core.store",
    "okrtui.core.workspace", "okrtui.core.edits", "okrtui.core.example", "okrtui.cli.main",
])
def test_core_imports_no_ui(module):
    code = (f"import sys, {module}\n"
            f"loaded = [m for m in {UI!r} if m in sys.modules]\n"
            "print(','.join(loaded))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""


CORE_MODULES = sorted(
    f"okrtui.core.{path.stem}"
    for path in (__import__("pathlib").Path(__file__).parents[1] / "okrtui/core").glob("*.py")
    if path.stem != "__init__")


@pytest.mark.parametrize("module", [
    *CORE_MODULES, "okrtui.git", "okrtui.git_setup", "okrtui.git_history", "okrtui.autocommit",
])
def test_every_core_and_git_module_imports_no_ui(module):
    test_core_imports_no_ui(module)


@pytest.mark.parametrize("command", [
    ["merge-driver", "--help"], ["log", "--help"], ["git-setup", "--help"],
    ["review", "--help"], ["convert", "--help"],
])
def test_commands_never_load_the_ui(command):
    code = ("import sys\nfrom okrtui.cli.main import main\n"
            f"try:\n    main({command!r})\nexcept SystemExit:\n    pass\n"
            f"print('LOADED', ','.join(m for m in {UI!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip().splitlines()[-1] == "LOADED"


def test_a_real_merge_never_loads_the_ui(tmp_path):
    text = 'title = "T"\n\n[[key_results]]\nid = "k"\ntitle = "K"\nstart = 0\ntarget = 9\n'
    files = []
    for name, extra in (("base", ""), ("ours", "unit = \"x\"\n"), ("theirs", "weight = 2\n")):
        (tmp_path / name).write_text(text + extra)
        files.append(str(tmp_path / name))
    code = ("import sys\nfrom okrtui.cli.main import main\n"
            f"code = main(['merge-driver', *{files!r}])\n"
            f"print('LOADED', code, ','.join(m for m in {UI!r} if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip().splitlines()[-1] == "LOADED 0"
    assert (tmp_path / "ours").read_text() == text + 'unit = "x"\nweight = 2\n'


#: Modules a shell command imports only on the path that needs them: each costs 1-3 ms of
#: a command that takes ~50 (json: --json; getpass: an author with no name configured;
#: hashlib: files the cache has not seen; tempfile, shutil and calendar: never).
ON_DEMAND = ("json", "tempfile", "shutil", "calendar", "getpass", "hashlib")


@pytest.mark.parametrize("command", [
    ["status"], ["report"], ["due", "--line"], ["lint"],
    ["checkin", "grow-community:stars", "300", "--by", "me"],
])
def test_a_command_imports_no_module_it_does_not_use(tmp_path, command):
    from okrtui.core.example import write_example

    from .tui_helpers import TODAY

    old = time.time() - 60  # older than the cache's racy window
    for path in write_example(tmp_path / "okrs", TODAY):
        os.utime(path, (old, old))
    argv = [*command, "--dir", str(tmp_path / "okrs"), "--today", str(TODAY)]
    code = ("import sys\nfrom okrtui.cli.main import main\n"
            f"try:\n    main({argv!r})\n"
            "except SystemExit:\n    pass\n"
            f"print('LOADED', ','.join(m for m in {ON_DEMAND!r} if m in sys.modules))")
    env = {**os.environ, "OKRTUI_CACHE_DIR": str(tmp_path / "cache"),
           "OKRTUI_CONFIG_DIR": str(tmp_path / "config")}
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True, env=env) for _ in range(2)]  # the second: warm cache
    assert runs[1].stdout.strip().splitlines()[-1] == "LOADED"


def test_every_dataclass_says_what_it_is():
    """A dataclass without a docstring gets one made from ``inspect.signature`` when it is
    created: 50-100 µs each, 0.6 ms of a check-in's start-up for twelve of them."""
    import dataclasses
    import importlib
    import inspect
    import pkgutil

    import okrtui

    undocumented = []
    for module_info in pkgutil.walk_packages(okrtui.__path__, "okrtui."):
        # importing these does what they are for: running the app, turning the collector off
        if module_info.name.endswith(("__main__", "cli.start")):
            continue
        module = importlib.import_module(module_info.name)
        for name, value in vars(module).items():
            if (inspect.isclass(value) and dataclasses.is_dataclass(value)
                    and value.__module__ == module.__name__
                    and (value.__doc__ or "").startswith(f"{value.__name__}(")):
                undocumented.append(f"{module.__name__}.{name}")
    assert undocumented == []


#: Dataclasses a check-in creates on its way (a frozen one costs ~0.3 ms to create on
#: Python 3.11, compiling its generated methods; a named tuple ~0.05 ms): the model's,
#: the period's, the scores', the settings', the workspace's and the user config's.
#: The edits and the text scanner's records are named tuples.
CHECKIN_DATACLASSES = 12


def test_a_checkin_creates_few_dataclasses(tmp_path):
    from okrtui.core.example import write_example

    from .tui_helpers import TODAY

    write_example(tmp_path / "okrs", TODAY)
    argv = ["checkin", "grow-community:stars", "300", "--by", "me",
            "--dir", str(tmp_path / "okrs"), "--today", str(TODAY)]
    code = ("import dataclasses\ncreated = []\nmake = dataclasses._process_class\n"
            "def counted(cls, *args):\n"
            "    created.append(cls.__module__ + '.' + cls.__qualname__)\n"
            "    return make(cls, *args)\n"
            "dataclasses._process_class = counted\n"
            "from okrtui.cli.main import main\n"
            f"assert main({argv!r}) == 0\n"
            "print('CREATED', ' '.join(created))")
    env = {**os.environ, "OKRTUI_CACHE_DIR": str(tmp_path / "cache"),
           "OKRTUI_CONFIG_DIR": str(tmp_path / "config")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, env=env)
    created = result.stdout.strip().splitlines()[-1].split()[1:]
    assert "okrtui.core.model.Objective" in created  # counting works
    assert not [name for name in created if name.startswith(("okrtui.core.edits",
                                                             "okrtui.core.toml_text"))]
    assert len(created) <= CHECKIN_DATACLASSES, created
