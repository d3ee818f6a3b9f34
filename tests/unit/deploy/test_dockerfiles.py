"""The Dockerfiles of the four images (spec §2.3), parsed instruction by instruction.

hadolint itself runs in test_hadolint.py; this test parses the Dockerfiles (line
continuations, comments, parser directives) and checks the rules hadolint has no notion of.
Matrix: every image is a
multi-stage build; every FROM names a pinned tag (never `latest`, never untagged) or an
earlier stage; every final target runs as a non-root USER; every COPY source from the
build context exists; the targets are api, operator, migration (Python) and the frontend.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pytest

from ngf_console.devcluster.paths import repo_root

DOCKER = repo_root() / "deploy" / "docker"


@dataclass
class Stage:
    image: str
    name: str | None
    user: str | None = None
    instructions: list[tuple[str, str]] = field(default_factory=list)


def instructions(text: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs: comments dropped, continuation lines joined."""
    out: list[tuple[str, str]] = []
    pending = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            pending += line[:-1].rstrip() + " "
            continue
        full = (pending + line).strip()
        pending = ""
        keyword, _, args = full.partition(" ")
        out.append((keyword.upper(), args.strip()))
    assert not pending, "a continuation line runs past the end of the file"
    return out


def stages(text: str) -> tuple[dict[str, str], list[Stage]]:
    """Global ARG defaults and the stages, in order."""
    args: dict[str, str] = {}
    found: list[Stage] = []
    for keyword, rest in instructions(text):
        if keyword == "FROM":
            parts = rest.split()
            name = parts[2] if len(parts) == 3 and parts[1].upper() == "AS" else None
            found.append(Stage(image=parts[0], name=name))
        elif not found:
            assert keyword == "ARG", f"only ARG may precede FROM, got {keyword}"
            key, _, value = rest.partition("=")
            args[key] = value
        else:
            found[-1].instructions.append((keyword, rest))
            if keyword == "USER":
                found[-1].user = rest
    return args, found


def user_of(stage: Stage, by_name: dict[str, Stage]) -> str | None:
    """The effective USER of a stage (inherited from the stage it builds on)."""
    if stage.user is not None:
        return stage.user
    parent = by_name.get(stage.image)
    return user_of(parent, by_name) if parent else None


DOCKERFILES = {
    "python.Dockerfile": ["api", "operator", "migration"],
    "frontend.Dockerfile": ["frontend"],
}


@pytest.mark.parametrize("filename", sorted(DOCKERFILES))
def test_multi_stage_with_pinned_bases(filename: str) -> None:
    args, found = stages((DOCKER / filename).read_text())
    assert len(found) >= 2, "multi-stage: build and final stages"
    names: set[str] = set()
    for stage in found:
        image = re.sub(r"\$\{(\w+)\}", lambda m: args[m.group(1)], stage.image)
        if image not in names:
            assert re.fullmatch(r"[\w./-]+:[\w.-]+", image), f"{image}: pin a tag"
            assert not image.endswith(":latest"), f"{image}: never latest"
        if stage.name:
            names.add(stage.name)


@pytest.mark.parametrize(
    ("filename", "target"), [(f, t) for f, targets in DOCKERFILES.items() for t in targets]
)
def test_final_targets_run_as_non_root(filename: str, target: str) -> None:
    _, found = stages((DOCKER / filename).read_text())
    by_name = {s.name: s for s in found if s.name}
    assert target in by_name, f"{filename} has no target {target}"
    user = user_of(by_name[target], by_name)
    assert user is not None, f"{target}: no USER"
    assert user.split(":")[0] not in {"0", "root"}, f"{target}: runs as root"


@pytest.mark.parametrize("filename", sorted(DOCKERFILES))
def test_copy_sources_exist_in_the_build_context(filename: str) -> None:
    _, found = stages((DOCKER / filename).read_text())
    for stage in found:
        for keyword, rest in stage.instructions:
            if keyword != "COPY" or rest.startswith("--from"):
                continue
            sources = [s for s in rest.split()[:-1] if not s.startswith("--")]
            for source in sources:
                assert (repo_root() / source).exists(), f"{filename}: COPY {source} is missing"


def test_parser_joins_continuations_and_drops_comments() -> None:
    text = "# syntax=docker/dockerfile:1\nFROM a:1 AS b\nRUN x \\\n  # note\n  && y\nUSER 1\n"
    assert instructions(text) == [("FROM", "a:1 AS b"), ("RUN", "x && y"), ("USER", "1")]
    _, found = stages(text)
    assert found[0].user == "1"
    with pytest.raises(AssertionError, match="continuation"):
        instructions("FROM a:1\nRUN x \\\n")
