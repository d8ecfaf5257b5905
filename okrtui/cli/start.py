"""The ``okrtui`` command's entry point (and ``python -m okrtui``'s).

A shell command lives for a fraction of a second and makes no garbage cycles worth
collecting: the cyclic garbage collector is off from before the first import (its passes
during the imports alone cost 2-3 ms of a 50 ms command, measured). The app lives long
and turns it back on once its modules are imported (see ``main._run_app``).
"""

import gc

gc.disable()

from okrtui.cli.main import main  # noqa: E402

__all__ = ["main"]
