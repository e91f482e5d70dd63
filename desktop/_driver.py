"""Peewee without its PostgreSQL driver until a server database is opened.

Importing peewee imports psycopg (0.2–0.4 s with the asyncio it pulls in), which every
command paid though only team mode's server database uses it. The package installs
:class:`PeeweeFinder` when it is first imported: while peewee's own module runs,
``import psycopg`` fails as if psycopg were not installed, so peewee starts without the
driver; :func:`attach_psycopg`, called by :mod:`desktop.store.postgres` as it is imported (it
is imported only to open a server database), then gives peewee the driver, setting the names
peewee's own import would have set. peewee imported before ``desktop`` keeps its driver.
"""

from __future__ import annotations

import sys
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType
from typing import Any

_DRIVER = "psycopg"


class _WithoutDriver:
    """peewee's own loader, run with ``import psycopg`` failing."""

    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        """Let peewee's loader create the module."""
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        """Run peewee's module with its driver out of reach."""
        blocked = _DRIVER not in sys.modules
        if blocked:
            sys.modules[_DRIVER] = None  # type: ignore[assignment]  # "import" raises ImportError
        try:
            self.loader.exec_module(module)
        finally:
            if blocked and sys.modules.get(_DRIVER, ModuleType(_DRIVER)) is None:
                del sys.modules[_DRIVER]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.loader, name)  # get_source, is_package, … as peewee's loader


class PeeweeFinder:
    """Finds peewee as usual and hands it the loader that keeps psycopg out."""

    @classmethod
    def find_spec(cls, name: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        """Return peewee's spec with its loader wrapped; None for every other module."""
        if name != "peewee":
            return None
        spec = PathFinder.find_spec(name, path, target)
        if spec is not None and spec.loader is not None:
            spec.loader = _WithoutDriver(spec.loader)  # type: ignore[assignment]
        return spec


def install() -> None:
    """Keep psycopg out of peewee's import, unless peewee is already imported."""
    if "peewee" not in sys.modules and not any(f is PeeweeFinder for f in sys.meta_path):
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
