"""The deployment files agree with each other and with the package.

Docker does not run where the tests run; CI runs deploy/install.sh itself. These tests keep
what only Docker or systemd would read honest: what the image copies, installs and checks,
what the lock pins, and what the service unit allows.
"""

from __future__ import annotations

import fnmatch
import re
import shlex
import tomllib
from pathlib import Path

from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name

ROOT = Path(__file__).parent.parent
DEPLOY = ROOT / "deploy"


def pyproject() -> dict[str, object]:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def dockerfile_stages() -> list[list[tuple[str, str]]]:
    """Each stage's instructions as (keyword, arguments), continuation lines joined."""
    text = (DEPLOY / "Dockerfile").read_text(encoding="utf-8")
    text = re.sub(r"\\\n\s*", " ", text)
    stages: list[list[tuple[str, str]]] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        keyword, _, arguments = line.strip().partition(" ")
        if keyword == "FROM":
            stages.append([])
        stages[-1].append((keyword, arguments.strip()))
    return stages


def ignored(path: str) -> bool:
    """Whether .dockerignore keeps `path` (relative to the root) out of the build context:
    the last rule that matches it or a folder above it decides; `**/` matches at any depth."""
    parts = Path(path).parts
    verdict = False
    for rule in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines():
        rule = rule.strip()
        if not rule or rule.startswith("#"):
            continue
        pattern = rule.removeprefix("!").rstrip("/")
        if pattern.startswith("**/"):
            hit = any(fnmatch.fnmatch(part, pattern.removeprefix("**/")) for part in parts)
        else:
            hit = any(fnmatch.fnmatch("/".join(parts[: n + 1]), pattern) for n in range(len(parts)))
        if hit:
            verdict = not rule.startswith("!")
    return verdict


def test_the_image_copies_what_exists_and_reaches_the_build_context() -> None:
    build, _final = dockerfile_stages()
    sources = [
        source
        for keyword, arguments in build
        if keyword == "COPY"
        for source in shlex.split(arguments)[:-1]
    ]
    assert sources, "the build stage copies nothing"
    for source in sources:
        assert (ROOT / source).exists(), source
        assert not ignored(source), f".dockerignore keeps {source} out"
    for secret in (".env", "wijkbot.db", "bot/__pycache__/cli.cpython-311.pyc"):
        assert ignored(secret), secret


def test_the_image_installs_with_the_script_ci_runs_and_runs_as_a_user() -> None:
    build, final = dockerfile_stages()
    runs = [arguments for keyword, arguments in build if keyword == "RUN"]
    assert any("deploy/install.sh /opt/wijkbot" in run for run in runs)
    settings = dict(final)
    assert settings["USER"] not in ("root", "0")
    assert settings["VOLUME"] == "/data" and "WIJKBOT_DATABASE=/data/" in settings["ENV"]
    assert "bot.healthcheck" in settings["HEALTHCHECK"]
    assert "WIJKBOT_HEALTH_LISTEN=" in settings["ENV"]
    assert (ROOT / "bot" / "healthcheck.py").is_file()


def test_install_sh_builds_every_package_the_project_ships() -> None:
    script = (DEPLOY / "install.sh").read_text(encoding="utf-8")
    copied = re.search(r"for part in ([^;]+); do", script)
    assert copied is not None
    parts = set(copied[1].split())
    tool = pyproject()["tool"]
    assert isinstance(tool, dict)
    packages = {name.rstrip("*") for name in tool["setuptools"]["packages"]["find"]["include"]}
    assert packages <= parts and {"pyproject.toml", "README.md", "LICENSE"} <= parts
    build, _final = dockerfile_stages()
    image = {shlex.split(a)[0] for k, a in build if k == "COPY"} | {"pyproject.toml"}
    assert packages <= image


def test_the_lock_pins_every_dependency_with_hashes() -> None:
    text = (DEPLOY / "requirements.lock").read_text(encoding="utf-8")
    pins: dict[str, str] = {}
    for block in re.split(r"\n(?=[a-z0-9])", text):
        first = block.splitlines()[0]
        if "==" not in first:
            continue
        name, version = first.split(" ")[0].split("==")
        assert "--hash=sha256:" in block, name
        pins[canonicalize_name(name)] = version
    project = pyproject()["project"]
    assert isinstance(project, dict)
    for line in project["dependencies"]:
        requirement = Requirement(line)
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is not in the lock: run deploy/lock.sh"
        assert requirement.specifier.contains(pins[name]), (name, pins[name])
    build_system = pyproject()["build-system"]
    assert isinstance(build_system, dict)
    (setuptools,) = [Requirement(r) for r in build_system["requires"]]
    assert SpecifierSet(str(setuptools.specifier)).contains(pins["setuptools"])


def test_the_service_is_hardened_and_may_write_only_its_data() -> None:
    unit: dict[str, list[str]] = {}
    for line in (DEPLOY / "wijkbot.service").read_text(encoding="utf-8").splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            unit.setdefault(key, []).append(value)
    assert unit["User"] == ["wijkbot"] and unit["NoNewPrivileges"] == ["yes"]
    assert unit["ProtectSystem"] == ["strict"] and unit["Restart"] == ["on-failure"]
    database = next(v for v in unit["Environment"] if v.startswith("WIJKBOT_DATABASE="))
    data = str(Path(database.split("=", 1)[1]).parent)
    assert unit["ReadWritePaths"] == [data] and unit["WorkingDirectory"] == [data]
    backups = next(v for v in unit["Environment"] if v.startswith("WIJKBOT_BACKUP_DIR="))
    assert backups.split("=", 1)[1].startswith(data + "/")
    assert int(unit["TimeoutStopSec"][0]) > 10  # the bot stops within 8 s of SIGTERM


def test_the_proxy_passes_on_the_path_the_bot_listens_on() -> None:
    from bot.webhook import Webhook

    caddy = (DEPLOY / "Caddyfile").read_text(encoding="utf-8")
    proxied = re.search(r"^\s*path (\S+)$", caddy, re.MULTILINE)
    upstream = re.search(r"^\s*reverse_proxy (\S+)$", caddy, re.MULTILINE)
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    url = re.search(r"WIJKBOT_WEBHOOK_URL=(\S+)", example)
    listen = re.search(r"WIJKBOT_WEBHOOK_LISTEN=(\S+)", example)
    assert proxied and upstream and url and listen
    assert Webhook(url[1], "s", ("127.0.0.1", 8080)).path == proxied[1]
    assert upstream[1] == listen[1]
    assert "WIJKBOT_WEBHOOK_SECRET=" in example
