"""Render every kustomize overlay of deploy/kubernetes and validate each manifest, offline.

Kubernetes kinds are checked by kubernetes-validate against the OpenAPI schemas it bundles
(strict: unknown fields fail), for the oldest and the newest Kubernetes version we target.
KEDA's ScaledObject is a CRD the package does not carry: it is checked against
deploy/kubernetes/schemas/keda-scaledobject-v1alpha1.json, written from KEDA's documentation.
Rendering uses `kubectl kustomize` (kustomize is built into kubectl; no cluster is contacted).

    uv run python scripts/validate_kubernetes.py     # part of `make lint`
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import kubernetes_validate
import yaml

REPO_ROOT = Path(__file__).resolve().parent.parent
KUBE_DIR = REPO_ROOT / "deploy" / "kubernetes"
# The oldest Kubernetes the manifests use no newer field than, and the newest bundled schema.
KUBERNETES_VERSIONS = ("1.30.0", kubernetes_validate.latest_version())
CRD_SCHEMAS = {("keda.sh/v1alpha1", "ScaledObject"): "keda-scaledobject-v1alpha1.json"}
# Manifests kept beside the kustomizations (applied by hand, never rendered with them).
EXTRA_FILES = ("secret.example.yaml",)

Manifest = dict[str, Any]


def kustomizations() -> list[Path]:
    """The base and every overlay: each directory with a kustomization.yaml."""
    return sorted(path.parent for path in KUBE_DIR.rglob("kustomization.yaml"))


def kubectl() -> str:
    found = shutil.which("kubectl")
    if found is None:
        raise SystemExit(
            "kubectl is needed to render the kustomize overlays (apt-get install kubectl); "
            "it renders offline and contacts no cluster"
        )
    return found


@cache
def render(directory: Path) -> tuple[Manifest, ...]:
    """The manifests `kubectl kustomize` builds from one directory."""
    done = subprocess.run(
        [kubectl(), "kustomize", str(directory)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if done.returncode != 0:
        raise SystemExit(f"kustomize {directory.relative_to(REPO_ROOT)}: {done.stderr.strip()}")
    return tuple(doc for doc in yaml.safe_load_all(done.stdout) if doc)


def load(path: Path) -> tuple[Manifest, ...]:
    return tuple(doc for doc in yaml.safe_load_all(path.read_text()) if doc)


def every_source() -> dict[str, tuple[Manifest, ...]]:
    """Rendered manifests by where they come from (overlay path or file name)."""
    sources = {str(d.relative_to(KUBE_DIR)): render(d) for d in kustomizations()}
    for name in EXTRA_FILES:
        sources[name] = load(KUBE_DIR / name)
    return sources


@cache
def _crd_schema(file_name: str) -> dict[str, Any]:
    return dict(json.loads((KUBE_DIR / "schemas" / file_name).read_text()))


def problems(manifest: Manifest) -> list[str]:
    """Why this manifest is invalid (empty when it is valid) for every targeted version."""
    key = (manifest.get("apiVersion"), manifest.get("kind"))
    crd = CRD_SCHEMAS.get(key)  # type: ignore[arg-type]
    if crd is not None:
        validator = jsonschema.Draft202012Validator(_crd_schema(crd))
        return [
            f"{'/'.join(map(str, error.absolute_path)) or '<root>'}: {error.message}"
            for error in validator.iter_errors(manifest)
        ]
    found = []
    for version in KUBERNETES_VERSIONS:
        try:
            kubernetes_validate.validate(manifest, version, strict=True)
        except kubernetes_validate.SchemaNotFoundError:
            found.append(f"k8s {version}: no schema for {key[0]} {key[1]}")
        except kubernetes_validate.ValidationError as exc:
            found.append(f"k8s {version}: {exc.message}")
    return found


def main() -> int:
    failures = 0
    counted = 0
    for source, manifests in every_source().items():
        for manifest in manifests:
            counted += 1
            name = f"{source}: {manifest.get('kind')}/{manifest.get('metadata', {}).get('name')}"
            for problem in problems(manifest):
                failures += 1
                print(f"INVALID {name}: {problem}", file=sys.stderr)
    versions = " and ".join(KUBERNETES_VERSIONS)
    print(
        f"kubernetes manifests: {counted} checked ({len(kustomizations())} kustomizations, "
        f"k8s {versions}, ScaledObject against the KEDA schema): {failures} problems"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
