"""gialint's modules as one file, for the console's process: the code the wheel's build compiled
(``_bundle.bin`` beside this module), imported without looking each module up on disk.

A one-file check imports some 120 of gialint's modules. Importing one the usual way finds it
(a directory listing per package, a ``stat`` of the source), works out where its bytecode is
cached, opens and checks that file and reads it: most of it Python code in importlib, about 0.1 M
instructions a module. From the bundle it is one ``stat`` and one ``marshal.loads``: the file is
read once. The console installs the bundle's finder first on ``sys.meta_path``
(:func:`install`); a library user's ``import gialint`` never does.

A module comes from the bundle only when its source is the one the bundle was built from, as far
as the file system tells: the same size, and not changed after the bundle was written (its time
no later than the bundle's, within :data:`SLACK_NS`: an installer writes them together). Any
other module, or an edited one, is imported the usual way. The module is what the usual way
makes: a ``SourceFileLoader`` (whose ``get_code`` reads the bundle), ``__file__``, ``__path__``,
``__spec__`` and resources as usual, its code's file names those of the installed sources (as
CPython's own bytecode cache does), so tracebacks and ``inspect`` show the installed files.

Like ``_regexcode.bin``, the file is part of the installed package, written by the build and
trusted like the package's code (and like CPython's own ``.pyc`` files, which carry no checksum
either: a CRC of the whole file would cost a tenth of what the bundle saves); it is used only by
the Python whose bytecode it holds (the key: the implementation's cache tag and the bytecode's
magic number) without ``-O``. A missing, unreadable, truncated or foreign file installs nothing.

This module needs the standard library only: the build hook loads it alone.
"""

from __future__ import annotations

import os
import sys
from typing import Any

BUNDLE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "_bundle.bin")
"""The bundle: made by the wheel's build hook; a source checkout has none."""

PACKAGE = "gialint"

SLACK_NS = 60 * 10**9
"""How much later than the bundle a source file may have been written and still count as the
one it was built from (an installer writes the package's files within moments)."""

_FORMAT = 1


def key() -> tuple[Any, ...]:
    """What a bundle must have been built by: this Python's bytecode."""
    import _frozen_importlib_external  # type: ignore[import-not-found]

    return (_FORMAT, sys.implementation.cache_tag, bytes(_frozen_importlib_external.MAGIC_NUMBER))


def build(package_dir: str) -> bytes:
    """The bundle of every module under ``package_dir`` (the ``gialint`` folder), compiled by the
    Python that runs this as importlib compiles a source (no ``-O``)."""
    import marshal

    modules: dict[str, tuple[bool, str, int, bytes]] = {}
    for folder, dirs, files in os.walk(package_dir):
        dirs[:] = sorted(d for d in dirs if d != "__pycache__")
        for file in sorted(files):
            if not file.endswith(".py"):
                continue
            path = os.path.join(folder, file)
            parts = os.path.relpath(path, package_dir)[:-3].split(os.sep)
            is_package = parts[-1] == "__init__"
            name = ".".join([PACKAGE, *(parts[:-1] if is_package else parts)])
            with open(path, "rb") as source:
                data = source.read()
            relative = "/".join(os.path.relpath(path, package_dir).split(os.sep))
            code = compile(data, relative, "exec", dont_inherit=True, optimize=0)
            modules[name] = (is_package, relative, len(data), marshal.dumps(code))
    return marshal.dumps((key(), modules))


def _read(path: str) -> tuple[dict[str, tuple[bool, str, int, bytes]], int] | None:
    """The bundle's modules and the time it was written, or None when it cannot be used."""
    try:
        import marshal

        with open(path, "rb") as file:
            written = os.fstat(file.fileno()).st_mtime_ns
            built, modules = marshal.loads(file.read())
        return (modules, written) if built == key() and isinstance(modules, dict) else None
    except Exception:  # noqa: BLE001 - missing, unreadable, truncated: import as usual
        return None


def install(path: str = BUNDLE, package_dir: str | None = None) -> bool:
    """Put the bundle's finder first on ``sys.meta_path`` (once); whether it was installed."""
    if sys.flags.optimize or any(isinstance(finder, _Finder) for finder in sys.meta_path):
        return False
    found = _read(path)
    if found is None:
        return False
    modules, written = found
    sys.meta_path.insert(0, _Finder(modules, package_dir or os.path.dirname(os.path.abspath(__file__)), written + SLACK_NS))
    return True


def _loader_class() -> type:
    from importlib.machinery import SourceFileLoader

    class BundleLoader(SourceFileLoader):
        """importlib's loader of a source file, whose code comes from the bundle."""

        code: bytes = b""

        def get_code(self, fullname: str) -> Any:
            import _imp
            import marshal

            if fullname != self.name or not self.code:
                return super().get_code(fullname)
            code = marshal.loads(self.code)
            _imp._fix_co_filename(code, self.path)
            return code

    return BundleLoader


class _Finder:
    """Finds gialint's modules in the bundle (see the module's docstring)."""

    def __init__(self, modules: dict[str, tuple[bool, str, int, bytes]], package_dir: str, newest_ns: int) -> None:
        self.modules = modules
        self.package_dir = package_dir
        self.newest_ns = newest_ns
        self.loader: type | None = None

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        entry = self.modules.get(name)
        if entry is None:
            return None
        is_package, relative, size, code = entry
        origin = os.path.join(self.package_dir, *relative.split("/"))
        try:
            found = os.stat(origin)
        except OSError:
            return None
        if found.st_size != size or found.st_mtime_ns > self.newest_ns:
            return None  # not the source the bundle holds: import it as usual
        from importlib.machinery import ModuleSpec

        if self.loader is None:
            self.loader = _loader_class()
        loader = self.loader(name, origin)
        loader.code = code  # type: ignore[attr-defined]
        spec = ModuleSpec(name, loader, origin=origin, is_package=is_package)
        spec.has_location = True
        if is_package:
            spec.submodule_search_locations = [os.path.dirname(origin)]
        return spec

    def invalidate_caches(self) -> None:
        pass
