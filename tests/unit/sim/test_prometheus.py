"""The demo Prometheus' configuration and discovery files (no process).

Matrix: the two discovery jobs (only DCGM honours the exporter's labels) and the optional
static jobs · one discovery group per target with its labels, per job · files rewritten
atomically (no temporary file left) and emptied when the fleet is gone.
"""

from __future__ import annotations

import json
from pathlib import Path

from ngf_console.sim.node import ScrapeTarget
from ngf_console.sim.prometheus import StaticJob, file_sd, render_config, write_targets

TARGETS = [
    ScrapeTarget("model-servers", "127.10.0.2:8000", {"pod": "a", "namespace": "demo"}),
    ScrapeTarget("dcgm", "127.10.0.2:9400", {"pod": "a", "namespace": "demo"}),
    ScrapeTarget("model-servers", "127.10.0.3:8000", {"pod": "b", "namespace": "demo"}),
]


def test_config_jobs(tmp_path: Path) -> None:
    config = json.loads(
        render_config(
            tmp_path,
            [StaticJob("ngf-console-operator", "127.0.0.1:8081")],
            scrape_interval="2s",
        )
    )
    assert config["global"]["scrape_interval"] == "2s"
    jobs = {j["job_name"]: j for j in config["scrape_configs"]}
    assert set(jobs) == {"model-servers", "dcgm", "ngf-console-operator"}
    assert jobs["dcgm"]["honor_labels"] is True
    assert jobs["model-servers"]["honor_labels"] is False
    assert jobs["model-servers"]["file_sd_configs"][0]["files"] == [
        str(tmp_path / "targets" / "model-servers.json")
    ]
    assert jobs["ngf-console-operator"]["static_configs"] == [{"targets": ["127.0.0.1:8081"]}]


def test_file_sd_groups_per_job() -> None:
    assert file_sd(TARGETS, "model-servers") == [
        {"targets": ["127.10.0.2:8000"], "labels": {"pod": "a", "namespace": "demo"}},
        {"targets": ["127.10.0.3:8000"], "labels": {"pod": "b", "namespace": "demo"}},
    ]
    assert [g["targets"] for g in file_sd(TARGETS, "dcgm")] == [["127.10.0.2:9400"]]


def test_write_targets_replaces_the_files(tmp_path: Path) -> None:
    write_targets(tmp_path, TARGETS)
    folder = tmp_path / "targets"
    assert sorted(p.name for p in folder.iterdir()) == ["dcgm.json", "model-servers.json"]
    assert len(json.loads((folder / "model-servers.json").read_text())) == 2
    write_targets(tmp_path, [])
    assert json.loads((folder / "dcgm.json").read_text()) == []
