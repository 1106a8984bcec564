"""``gialint serve``: a small local web server with one page for the office worker.

Starlette + uvicorn (``pip install 'gialint[web]'``). Bound to 127.0.0.1 unless told otherwise.
An upload is read into memory (never written to disk), size-limited, linted, and answered with
the checklist as JSON; report files are never executed nor served back as they were uploaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePosixPath, PureWindowsPath
from typing import TYPE_CHECKING, Any

from gialint.config.discovery import REPORT_SUFFIXES

if TYPE_CHECKING:
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import Response

    from gialint.config.model import Config
    from gialint.engine.linter import Linter

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
KINDS_ZH = "Word（.docx/.doc/.wps）、PDF、网页（.html）、文本（.txt/.md）"


@dataclass(frozen=True)
class ServeSettings:
    host: str = "127.0.0.1"
    port: int = 8765
    max_bytes: int = 20 * 1024 * 1024
    config: str | None = None
    no_plugins: bool = False
    lang: str = "zh"


class Checker:
    """The plugins, the configuration and the linter, made once for the server's life."""

    def __init__(self, settings: ServeSettings) -> None:
        from pathlib import Path

        from gialint.engine.linter import Linter
        from gialint.engine.wiring import loader_for, registry_for

        registry = registry_for(settings.no_plugins, lambda message: None)
        loader = loader_for(registry)
        self.config: Config = loader.load_file(Path(settings.config)) if settings.config else loader.load_named("default")
        self.linter: Linter = Linter(registry.plugins)
        self.settings = settings

    def check(self, name: str, data: bytes) -> dict[str, Any]:
        from gialint.web.checklist import checklist

        result = self.linter.lint_bytes(name, data, self.config)
        out = checklist(result, name, self.settings.lang)
        out["annotate"] = _is_word(name)
        out["annotate_name"] = _annotated_name(name)
        document = result.document
        out["looks_like_report"] = document is None or bool(document.title or any(s.level == 1 for s in document.sections))
        return out

    def annotate(self, name: str, data: bytes) -> bytes:
        from gialint.output.annotate import annotate_bytes

        result = self.linter.lint_bytes(name, data, self.config)
        return annotate_bytes(name, data, result.diagnostics, self.settings.lang)[0]


def _is_word(name: str) -> bool:
    from gialint.output.annotate import WORD_SUFFIXES

    return PurePosixPath(name).suffix.lower() in WORD_SUFFIXES


def _annotated_name(name: str) -> str:
    from gialint.output.annotate import target_for

    return target_for(name).name


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB" if n >= 1024 * 1024 else f"{n // 1024} KB"


def clean_name(raw: str) -> str:
    """The uploaded file's own name: no folders, no control characters, at most 120 characters."""
    name = PureWindowsPath(PurePosixPath(raw).name).name
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    return name[-120:] or "report"


def _problem(message: str, status: int) -> Response:
    from starlette.responses import JSONResponse

    return JSONResponse({"message": message}, status_code=status)


async def _body(request: Request, limit: int) -> bytes | None:
    """The request body, or None as soon as it exceeds ``limit`` bytes (read no further)."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        return None
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
    return b"".join(chunks)


def create_app(settings: ServeSettings) -> Starlette:
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import HTMLResponse, JSONResponse, Response
    from starlette.routing import Route

    from gialint.web.page import render

    checker = Checker(settings)
    local_only = settings.host in LOOPBACK_HOSTS
    page = render(",".join(REPORT_SUFFIXES), KINDS_ZH, _size(settings.max_bytes))

    def host_ok(request: Request) -> bool:
        # Bound to loopback: refuse other Host names, so a web page cannot reach the server
        # through a DNS name that resolves to 127.0.0.1 (DNS rebinding).
        if not local_only:
            return True
        return _hostname(request.headers.get("host", "")) in LOOPBACK_HOSTS

    async def upload(request: Request) -> tuple[str, bytes] | Response:
        if not host_ok(request):
            return _problem("只接受本机访问 / local access only", 403)
        name = clean_name(request.query_params.get("name", ""))
        suffix = "." + name.rsplit(".", 1)[-1].lower() if "." in name else ""
        if suffix not in REPORT_SUFFIXES:
            return _problem(
                f"不支持这种文件（{suffix or '没有扩展名'}）：请上传 {KINDS_ZH} 格式的年度报告。"
                f" / This kind of file is not supported: upload a report as .docx, .doc, .wps, .pdf, .html, .txt or .md.",
                415,
            )
        data = await _body(request, settings.max_bytes)
        if data is None:
            return _problem(
                f"文件太大（超过 {_size(settings.max_bytes)}）：年度报告通常只有几百 KB，请确认选对了文件。"
                f" / The file is larger than {_size(settings.max_bytes)}: check that it is the report.",
                413,
            )
        if not data:
            return _problem("文件是空的：请选择年度报告文件。 / The file is empty.", 400)
        return name, data

    async def index(request: Request) -> Response:
        if not host_ok(request):
            return _problem("只接受本机访问 / local access only", 403)
        return HTMLResponse(page, headers={"Content-Security-Policy": "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'"})

    async def check(request: Request) -> Response:
        got = await upload(request)
        if not isinstance(got, tuple):
            return got
        name, data = got
        result = await run_in_threadpool(checker.check, name, data)
        if not result["looks_like_report"]:
            return _problem(
                "这个文件看起来不是政府信息公开工作年度报告（没有找到报告标题和“一、总体情况”等部分）：请确认选对了文件。"
                " / This does not look like an annual report (no title and no parts found).",
                422,
            )
        return JSONResponse(result)

    async def annotate(request: Request) -> Response:
        got = await upload(request)
        if not isinstance(got, tuple):
            return got
        name, data = got
        if not _is_word(name):
            return _problem("只有 Word 文件可以生成带批注的副本 / only Word files can be annotated", 400)
        try:
            body = await run_in_threadpool(checker.annotate, name, data)
        except Exception:  # noqa: BLE001 - the page gets a message, the server goes on
            return _problem("无法为这个文件生成批注 / could not annotate this file", 422)
        headers = {"Content-Disposition": "attachment; filename*=UTF-8''" + _quote(_annotated_name(name))}
        return Response(body, media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document", headers=headers)

    return Starlette(
        routes=[
            Route("/", index, methods=["GET"]),
            Route("/api/check", check, methods=["POST"]),
            Route("/api/annotate", annotate, methods=["POST"]),
        ]
    )


def _hostname(header: str) -> str:
    """``127.0.0.1:8765`` → ``127.0.0.1``; ``[::1]:8765`` → ``[::1]``."""
    if header.startswith("["):
        return header.split("]")[0] + "]"
    return header.rsplit(":", 1)[0]


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name, safe="")


def serve(settings: ServeSettings) -> None:
    """Run the server until interrupted (Ctrl+C)."""
    import uvicorn

    uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="warning", server_header=False)
