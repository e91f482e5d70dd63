"""Libraries imported without the optional modules they try to import but we never use.

Importing peewee imports psycopg (0.2–0.4 s with the asyncio it pulls in), which every
command paid though only team mode's server database uses it. The package installs
:class:`PeeweeFinder` when it is first imported: while peewee's own module runs,
``import psycopg`` fails as if psycopg were not installed, so peewee starts without the
driver; :func:`attach_psycopg`, called by :mod:`desktop.store.postgres` as it is imported (it
is imported only to open a server database), then gives peewee the driver, setting the names
peewee's own import would have set. peewee imported before ``desktop`` keeps its driver.

Likewise Python-Markdown's ``codehilite`` (imported by ``fenced_code``, part of ``extra``)
imports Pygments when it is installed (0.15 s: pytest brings it along) for highlighting that
only the ``codehilite`` extension, which our dialect does not use, turns on: it is imported
without Pygments, and fenced code renders as it does where Pygments is not installed.
"""

from __future__ import annotations

import sys
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType
from typing import Any

#: A module, and the optional module its import must not import.
_KEPT_OUT = {"peewee": "psycopg", "markdown.extensions.codehilite": "pygments"}


class _WithoutDriver:
    """A module's own loader, run with the import of one optional module failing."""

    def __init__(self, loader: Any, kept_out: str) -> None:
        self.loader = loader
        self.kept_out = kept_out

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        """Let peewee's loader create the module."""
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        """Run the module with the optional module out of reach."""
        name = self.kept_out
        blocked = name not in sys.modules
        if blocked:
            sys.modules[name] = None  # type: ignore[assignment]  # "import" raises ImportError
        try:
            self.loader.exec_module(module)
        finally:
            if blocked and sys.modules.get(name, ModuleType(name)) is None:
                del sys.modules[name]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)  # get_source, is_package, … as peewee's loader


class PeeweeFinder:
    """Finds peewee (and codehilite) as usual and hands them the loader that keeps their
    optional import out."""

    @classmethod
    def find_spec(cls, name: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        """Return the module's spec with its loader wrapped; None for every other module."""
        kept_out = _KEPT_OUT.get(name)
        if kept_out is None:
            return None
        spec = PathFinder.find_spec(name, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _WithoutDriver(spec.loader, kept_out)  # type: ignore[assignment]
        return spec


def install() -> None:
    """Keep the optional imports out of the modules not imported yet."""
    if not any(f is PeeweeFinder for f in sys.meta_path):
        sys.meta_path.insert(0, PeeweeFinder)


def attach_psycopg() -> None:
    """Give peewee the psycopg driver, as peewee's own import would have (idempotent)."""
    import peewee
    import psycopg
    from psycopg.pq import TransactionStatus
    from psycopg.types.json import Json, Jsonb

    if getattr(peewee, "psycopg", None) is psycopg:
        return
    peewee.psycopg = psycopg  # type: ignore[attr-defined]
    peewee.TransactionStatus = TransactionStatus  # type: ignore[attr-defined]
    peewee.Json_pg3 = Json  # type: ignore[attr-defined]
    peewee.Jsonb_pg3 = Jsonb  # type: ignore[attr-defined]
    # The adapter's class body reads these constants only when psycopg was there.
    adapter: Any = peewee.Psycopg3Adapter
    adapter.txn_idle = TransactionStatus.IDLE
    adapter.txn_inerror = TransactionStatus.INERROR
    adapter.txn_unknown = TransactionStatus.UNKNOWN
