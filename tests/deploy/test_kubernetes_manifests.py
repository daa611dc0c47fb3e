"""deploy/kubernetes: every rendered manifest validates, and agrees with the code it deploys.

One owner per setting: env names are Settings fields (prefix APP_), values parse as Settings,
the API's port is APP_PORT everywhere, probe paths are the app's routes, the worker's grace
period covers APP_WORKER_STOP_GRACE_SECONDS, KEDA reads the metric the API exports.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from backend.api.metrics import QUEUE_DEPTH
from backend.app import create_app
from backend.settings import REPO_ROOT, Settings
from scripts.validate_kubernetes import every_source, kustomizations, problems

Manifest = dict[str, Any]
GRACE_MARGIN_SECONDS = 10  # re-queue the job, close connections, exit
SOURCES = every_source()
RENDERED = {name: docs for name, docs in SOURCES.items() if name.startswith(("base", "overlays"))}


def _one(docs: tuple[Manifest, ...], kind: str, name: str) -> Manifest:
    found = [d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(found) == 1, f"{kind}/{name}: {len(found)} found"
    return found[0]


def _pod(docs: tuple[Manifest, ...], kind: str, name: str) -> Manifest:
    return dict(_one(docs, kind, name)["spec"]["template"]["spec"])


def _containers(pod: Manifest) -> list[Manifest]:
    return [*pod.get("initContainers", []), *pod["containers"]]


def _config(docs: tuple[Manifest, ...]) -> dict[str, str]:
    return dict(_one(docs, "ConfigMap", "dota-predict-config")["data"])


def test_overlays_and_base_are_all_rendered() -> None:
    assert {"base", "overlays/self-hosted", "overlays/managed"} <= set(RENDERED)
    assert len(kustomizations()) == len(RENDERED)


@pytest.mark.parametrize("source", sorted(SOURCES))
def test_every_manifest_validates(source: str) -> None:
    found = {
        f"{d['kind']}/{d['metadata']['name']}": problems(d) for d in SOURCES[source] if problems(d)
    }
    assert found == {}


def test_the_validator_rejects_what_kubernetes_would() -> None:
    docs = RENDERED["base"]
    deployment = copy.deepcopy(_one(docs, "Deployment", "dota-predict-api"))
    deployment["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["httpGet"]["paht"] = (
        "/health/ready"
    )
    assert any("paht" in p for p in problems(deployment))
    service = copy.deepcopy(_one(docs, "Service", "dota-predict-api"))
    service["spec"]["ports"][0]["port"] = "eight thousand"
    assert problems(service)


def test_the_keda_schema_rejects_a_broken_scaled_object() -> None:
    scaled = _one(RENDERED["base"], "ScaledObject", "dota-predict-worker")
    assert problems(scaled) == []
    numeric = copy.deepcopy(scaled)
    numeric["spec"]["triggers"][0]["metadata"]["threshold"] = 1  # KEDA wants strings
    assert problems(numeric)
    no_query = copy.deepcopy(scaled)
    del no_query["spec"]["triggers"][0]["metadata"]["query"]
    assert any("query" in p for p in problems(no_query))
    typo = copy.deepcopy(scaled)
    typo["spec"]["maxReplicas"] = 3
    assert problems(typo)


@pytest.mark.parametrize("source", sorted(RENDERED))
def test_env_names_are_settings_fields_and_values_parse(source: str) -> None:
    docs = RENDERED[source]
    assert Settings.model_config["env_prefix"] == "APP_"
    names = set(_config(docs))
    for kind, name in (
        ("Deployment", "dota-predict-api"),
        ("Deployment", "dota-predict-worker"),
        ("Job", "dota-predict-migrate"),
    ):
        for container in _containers(_pod(docs, kind, name)):
            for env in container.get("env", []):
                names.add(env["name"])
                ref = env.get("valueFrom", {}).get("secretKeyRef")
                if ref:
                    names.add(ref["key"])
    names |= set(
        _one(SOURCES["secret.example.yaml"], "Secret", "dota-predict-secrets")["stringData"]
    )
    fields = {f"APP_{field.upper()}" for field in Settings.model_fields}
    assert {n for n in names if n.startswith("APP_")} <= fields
    assert names <= fields  # nothing outside the settings (PROMETHEUS_* would be listed here)
    values = {key.removeprefix("APP_").lower(): value for key, value in _config(docs).items()}
    Settings.model_validate(values)  # the values parse as the settings


@pytest.mark.parametrize("source", sorted(RENDERED))
def test_api_port_and_probes_follow_settings_and_routes(source: str) -> None:
    docs = RENDERED[source]
    port = int(_config(docs)["APP_PORT"])
    assert port == Settings.model_fields["port"].default
    pod = _pod(docs, "Deployment", "dota-predict-api")
    api = next(c for c in pod["containers"] if c["name"] == "api")
    assert api["ports"] == [{"name": "http", "containerPort": port}]
    command = api["command"]
    assert command[command.index("--port") + 1] == "$(APP_PORT)"
    assert command[command.index("--host") + 1] == "$(APP_HOST)"
    routes = {route.path for route in create_app(Settings(_env_file=None)).routes}
    assert api["readinessProbe"]["httpGet"] == {"path": "/health/ready", "port": "http"}
    assert api["livenessProbe"]["httpGet"] == {"path": "/health/live", "port": "http"}
    for probe in ("readinessProbe", "livenessProbe", "startupProbe"):
        assert api[probe]["httpGet"]["path"] in routes
    annotations = _one(docs, "Deployment", "dota-predict-api")["spec"]["template"]["metadata"][
        "annotations"
    ]
    assert annotations["prometheus.io/port"] == str(port)
    assert annotations["prometheus.io/path"] in routes
    service = _one(docs, "Service", "dota-predict-api")
    assert service["spec"]["ports"] == [{"name": "http", "port": port, "targetPort": "http"}]


@pytest.mark.parametrize("source", sorted(RENDERED))
def test_worker_check_heartbeat_and_grace_period(source: str) -> None:
    docs = RENDERED[source]
    pod = _pod(docs, "Deployment", "dota-predict-worker")
    worker = next(c for c in pod["containers"] if c["name"] == "worker")
    check = ["python", "-m", "backend.worker", "--check"]
    assert worker["livenessProbe"]["exec"]["command"] == check
    heartbeat = next(e["value"] for e in worker["env"] if e["name"] == "APP_WORKER_HEARTBEAT_FILE")
    mounts = [m["mountPath"] for m in worker["volumeMounts"]]
    assert any(heartbeat.startswith(m.rstrip("/") + "/") for m in mounts), "not writable"
    grace = float(_config(docs)["APP_WORKER_STOP_GRACE_SECONDS"])
    period = pod["terminationGracePeriodSeconds"]
    assert grace + GRACE_MARGIN_SECONDS <= period <= grace + 3 * GRACE_MARGIN_SECONDS


@pytest.mark.parametrize("source", sorted(RENDERED))
def test_pods_are_non_root_read_only_and_gated_on_the_migration(source: str) -> None:
    docs = RENDERED[source]
    for kind, name in (
        ("Deployment", "dota-predict-api"),
        ("Deployment", "dota-predict-worker"),
        ("Job", "dota-predict-migrate"),
    ):
        pod = _pod(docs, kind, name)
        assert pod["securityContext"]["runAsNonRoot"] is True
        assert pod["automountServiceAccountToken"] is False
        for container in _containers(pod):
            context = container["securityContext"]
            assert context["readOnlyRootFilesystem"] is True
            assert context["allowPrivilegeEscalation"] is False
            assert context["capabilities"]["drop"] == ["ALL"]
            assert "/tmp" in [m["mountPath"] for m in container["volumeMounts"]]
            assert "memory" in container["resources"]["limits"]
            assert set(container["resources"]["requests"]) == {"cpu", "memory"}
            for env in container.get("env", []):
                if env["name"] in {"APP_DATABASE_URL", "APP_REDIS_URL", "APP_API_KEY"}:
                    assert "secretKeyRef" in env["valueFrom"], env  # never a literal
        assert pod["securityContext"]["runAsUser"] == _image_uid()
        if kind == "Deployment":
            (gate,) = pod["initContainers"]
            assert gate["command"][:4] == ["python", "-m", "backend.db.migrate", "--wait"]
        else:
            assert pod["containers"][0]["command"] == ["python", "-m", "backend.db.migrate"]


def _image_uid() -> int:
    """The uid of the image's user (Dockerfile: useradd --uid N)."""
    found = re.search(r"useradd .*--uid (\d+)", (REPO_ROOT / "Dockerfile").read_text())
    assert found is not None
    return int(found.group(1))


@pytest.mark.parametrize("source", sorted(RENDERED))
def test_autoscalers_and_budgets_target_the_deployments(source: str) -> None:
    docs = RENDERED[source]
    for name in ("dota-predict-api", "dota-predict-worker"):  # the autoscalers own the count
        assert "replicas" not in _one(docs, "Deployment", name)["spec"], name
    hpa = _one(docs, "HorizontalPodAutoscaler", "dota-predict-api")
    assert hpa["spec"]["scaleTargetRef"]["name"] == "dota-predict-api"
    assert hpa["spec"]["metrics"][0]["resource"]["name"] == "cpu"
    scaled = _one(docs, "ScaledObject", "dota-predict-worker")
    assert scaled["spec"]["scaleTargetRef"]["name"] == "dota-predict-worker"
    query = scaled["spec"]["triggers"][0]["metadata"]["query"]
    # Every API pod exports the same depth: max, not sum.
    assert query.startswith(f"max({QUEUE_DEPTH._name}")
    for component in ("api", "worker"):
        labels = _one(docs, "Deployment", f"dota-predict-{component}")["spec"]["template"][
            "metadata"
        ]["labels"]
        budget = _one(docs, "PodDisruptionBudget", f"dota-predict-{component}")
        assert budget["spec"]["selector"]["matchLabels"].items() <= labels.items()


@pytest.mark.parametrize("source", sorted(RENDERED))
def test_only_api_workers_and_migrate_reach_the_datastores(source: str) -> None:
    docs = RENDERED[source]
    ports = {
        _one(docs, "Service", name)["spec"]["ports"][0]["port"] for name in ("postgres", "redis")
    }
    for name in ("postgres", "redis"):
        assert _one(docs, "Service", name)["spec"]["type"] == "ExternalName"
    policies = [d for d in docs if d["kind"] == "NetworkPolicy"]
    reaching = [
        p
        for p in policies
        if any(
            {port["port"] for port in rule.get("ports", [])} & ports
            for rule in p["spec"].get("egress", [])
        )
    ]
    assert [p["metadata"]["name"] for p in reaching] == ["dota-predict-datastores"]
    (selector,) = reaching[0]["spec"]["podSelector"]["matchExpressions"]
    assert selector["key"] == "app.kubernetes.io/component"
    assert sorted(selector["values"]) == ["api", "migrate", "worker"]
    deny = _one(docs, "NetworkPolicy", "dota-predict-default-deny")
    assert deny["spec"]["podSelector"] == {} and set(deny["spec"]["policyTypes"]) == {
        "Ingress",
        "Egress",
    }
    secret = _one(SOURCES["secret.example.yaml"], "Secret", "dota-predict-secrets")["stringData"]
    assert "@postgres:5432/" in secret["APP_DATABASE_URL"]
    assert "@redis:6379/" in secret["APP_REDIS_URL"]
