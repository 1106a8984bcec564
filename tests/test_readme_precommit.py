"""The README's pre-commit snippets, exercised verbatim with the real pre-commit tool (issue #11
part 5): the remote-repo snippet with this checkout (tagged v0.1.0 in a clone) standing in for the
office's git server, and the ``repo: local`` recipe with the installed gialint."""

from __future__ import annotations

import os
import re
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


def snippet(marker: str) -> str:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(rf"<!-- {marker} -->\n```yaml\n(.*?)```", readme, flags=re.S)
    assert match, f"README has no {marker} snippet"
    return match.group(1)


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))}
    env.update(
        PRE_COMMIT_HOME=str(home), GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid", GIT_COMMITTER_NAME="t",
        GIT_COMMITTER_EMAIL="t@example.invalid", GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1",
        PATH=str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
    )  # fmt: skip
    return env


def _run(args: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


def _commit_blocked(repo: Path, env: dict[str, str], report: Path) -> subprocess.CompletedProcess[str]:
    target = repo / report.name
    shutil.copy(report, target)
    _run(["git", "add", target.name], repo, env)
    result = _run(["git", "commit", "-q", "-m", f"add {target.name}"], repo, env)
    if result.returncode != 0:  # blocked: take the report out again, so the next commit is on its own
        _run(["git", "rm", "-q", "--cached", target.name], repo, env)
        target.unlink()
    return result


def _repo_with(config: str, tmp_path: Path, env: dict[str, str]) -> Path:
    repo = tmp_path / "reports"
    repo.mkdir()
    _run(["git", "init", "-q", "-b", "main"], repo, env)
    (repo / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    _run(["git", "add", ".pre-commit-config.yaml"], repo, env)
    _run(["git", "commit", "-q", "-m", "config", "--no-verify"], repo, env)
    installed = _run([sys.executable, "-m", "pre_commit", "install"], repo, env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return repo


def test_the_readme_snippet_blocks_a_defective_report_and_passes_a_clean_one(tmp_path: Path) -> None:
    env = _env(tmp_path / "home")
    server = tmp_path / "gialint.git"  # the office's git server: a clone of this checkout, tagged
    _run(["git", "clone", "-q", str(ROOT), str(server)], tmp_path, env)
    text = snippet("pre-commit-snippet")
    rev = re.search(r"rev: (\S+)", text)
    assert rev is not None
    tagged = _run(["git", "tag", "-f", rev.group(1)], server, env)  # this checkout stands for that release
    assert tagged.returncode == 0, tagged.stderr
    config = re.sub(r"repo: \S+", f"repo: {server.as_posix()}", text, count=1)
    repo = _repo_with(config, tmp_path, env)
    blocked = _commit_blocked(repo, env, DEFECTIVE)
    assert blocked.returncode != 0, blocked.stdout + blocked.stderr
    assert "GIA301" in blocked.stdout + blocked.stderr
    passed = _commit_blocked(repo, env, CLEAN)
    assert passed.returncode == 0, passed.stdout + passed.stderr


def test_the_readme_local_recipe_uses_the_installed_gialint(tmp_path: Path) -> None:
    env = _env(tmp_path / "home")
    repo = _repo_with(snippet("pre-commit-local"), tmp_path, env)
    blocked = _commit_blocked(repo, env, DEFECTIVE)
    assert blocked.returncode != 0 and "GIA301" in blocked.stdout + blocked.stderr
    passed = _commit_blocked(repo, env, CLEAN)
    assert passed.returncode == 0, passed.stdout + passed.stderr
