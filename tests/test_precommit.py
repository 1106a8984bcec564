"""The pre-commit hook, with the real pre-commit tool: a defective report is blocked, a clean one passes.

Slow (pre-commit builds the hook's environment from this checkout), so marked ``slow``; CI runs it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DEFECTIVE = ROOT / "examples" / "defective-2021.txt"
CLEAN = ROOT / "tests" / "fixtures" / "reports" / "clean-2021.txt"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("git") is None, reason="needs git"),
    pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs this checkout to be a git repository"),
]


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True)


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("precommit-home")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(home),
        GIT_AUTHOR_NAME="t",
        GIT_AUTHOR_EMAIL="t@example.invalid",
        GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid",
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
    )
    return env


@pytest.fixture()
def repo(tmp_path: Path, env: dict[str, str]) -> Path:
    _run(["git", "init", "-q", "-b", "main"], tmp_path, env)
    return tmp_path


def _pre_commit(*args: str) -> list[str]:
    return [sys.executable, "-m", "pre_commit", *args]


def test_try_repo_blocks_defective_and_passes_clean(repo: Path, env: dict[str, str]) -> None:
    shutil.copy(DEFECTIVE, repo / "report-2021.txt")
    shutil.copy(CLEAN, repo / "clean-2021.txt")
    _run(["git", "add", "."], repo, env)
    bad = _run(_pre_commit("try-repo", str(ROOT), "gialint", "--files", "report-2021.txt"), repo, env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "GIA102 missing-title" in bad.stdout
    good = _run(_pre_commit("try-repo", str(ROOT), "gialint", "--files", "clean-2021.txt"), repo, env)
    assert good.returncode == 0, good.stdout + good.stderr


def test_installed_hook_blocks_commit(repo: Path, env: dict[str, str]) -> None:
    head = _run(["git", "rev-parse", "HEAD"], ROOT, env).stdout.strip()
    (repo / ".pre-commit-config.yaml").write_text(
        f"repos:\n  - repo: {ROOT}\n    rev: {head}\n    hooks:\n      - id: gialint\n", encoding="utf-8"
    )
    installed = _run(_pre_commit("install"), repo, env)
    assert installed.returncode == 0, installed.stderr
    _run(["git", "add", ".pre-commit-config.yaml"], repo, env)
    shutil.copy(DEFECTIVE, repo / "report-2021.txt")
    _run(["git", "add", "report-2021.txt"], repo, env)
    blocked = _run(["git", "commit", "-q", "-m", "defective report"], repo, env)
    assert blocked.returncode != 0, blocked.stdout + blocked.stderr
    assert "missing-title" in blocked.stdout + blocked.stderr
    assert _run(["git", "rev-parse", "--verify", "HEAD"], repo, env).returncode != 0  # nothing committed
    _run(["git", "rm", "-q", "--cached", "report-2021.txt"], repo, env)
    (repo / "report-2021.txt").unlink()
    shutil.copy(CLEAN, repo / "clean-2021.txt")
    _run(["git", "add", "clean-2021.txt"], repo, env)
    passed = _run(["git", "commit", "-q", "-m", "clean report"], repo, env)
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_try_repo_blocks_a_defective_docx_and_passes_a_clean_one(repo: Path, env: dict[str, str]) -> None:
    from report_docx import write_report_docx

    write_report_docx(DEFECTIVE, repo / "report-2021.docx", auto_numbering=True)
    write_report_docx(ROOT / "examples" / "clean-2021.md", repo / "clean-2021.docx", auto_numbering=True, merged_table3=True)
    _run(["git", "add", "."], repo, env)
    bad = _run(_pre_commit("try-repo", str(ROOT), "gialint", "--files", "report-2021.docx"), repo, env)
    assert bad.returncode == 1, bad.stdout + bad.stderr
    assert "GIA102 missing-title" in bad.stdout and "第1段" in bad.stdout  # the place in Word's terms
    good = _run(_pre_commit("try-repo", str(ROOT), "gialint", "--files", "clean-2021.docx"), repo, env)
    assert good.returncode == 0, good.stdout + good.stderr
