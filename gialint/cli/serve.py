"""``gialint serve``: a local web page where report writers check their files (gialint[web])."""

from __future__ import annotations

import argparse
from typing import TextIO

from gialint.cli.common import ExitCode

HELP = "start a local web page where report writers check their files (needs gialint[web])"


def add_arguments(serve: argparse.ArgumentParser) -> None:
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1: this computer only)")
    serve.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    serve.add_argument("--max-upload-mb", type=float, default=20, metavar="MB", help="largest file accepted (default 20 MB)")
    serve.add_argument("--config", metavar="FILE", help="rule set to check with (default: the built-in default set)")
    serve.add_argument("--lang", choices=("zh", "en"), default="zh", help="language of the findings (default zh)")
    serve.add_argument("--no-plugins", action="store_true", help="do not load third-party plugins (entry points)")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    if not 0 < args.port < 65536 or args.max_upload_mb <= 0:
        err.write("gialint: --port must be 1–65535 and --max-upload-mb positive\n")
        return ExitCode.USAGE
    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401

        from gialint.web import ServeSettings, serve
    except ImportError as exc:
        err.write(f"gialint: gialint serve 需要网页组件：pip install 'gialint[web]' / needs the web extra: pip install 'gialint[web]' ({exc.name})\n")
        return ExitCode.USAGE
    settings = ServeSettings(args.host, args.port, int(args.max_upload_mb * 1024 * 1024), args.config, args.no_plugins, args.lang)
    if args.host not in ("127.0.0.1", "localhost", "::1"):
        err.write(f"gialint: 注意：服务监听在 {args.host}，同一网络中的其他电脑也能访问 / warning: listening on {args.host}, reachable from other computers\n")
    host = f"[{args.host}]" if ":" in args.host else args.host
    out.write(f"gialint 检查页面已启动：http://{host}:{args.port}/ （在浏览器中打开；按 Ctrl+C 停止）\n"
              f"gialint is serving the checking page at http://{host}:{args.port}/ (Ctrl+C stops it)\n")  # fmt: skip
    out.flush()
    serve(settings)
    return ExitCode.OK
