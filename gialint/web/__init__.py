"""``gialint serve``: the office worker's local web page (extra ``gialint[web]``).

The face: :class:`ServeSettings`, :func:`create_app` (a Starlette app, for tests and embedding)
and :func:`serve` (runs it with uvicorn).
"""

from gialint.web.app import ServeSettings, create_app, serve

__all__ = ["ServeSettings", "create_app", "serve"]
