"""API docs that work offline: Swagger UI's assets come from the installed swagger-ui-py wheel."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from litestar import Router
from litestar.datastructures import CacheControlHeader
from litestar.openapi.plugins import (
    JsonRenderPlugin,
    OpenAPIRenderPlugin,
    SwaggerRenderPlugin,
    YamlRenderPlugin,
)
from litestar.static_files import create_static_files_router

ASSETS_PATH = "/schema-assets"
# Litestar's other renderers (ReDoc, Elements, RapiDoc, Scalar) load their scripts from public
# CDNs and no wheel ships them without Django or FastAPI, so they are left out: a missing page
# (404) is better than a blank one.
_FILES = ("swagger-ui-bundle.js", "swagger-ui-standalone-preset.js", "swagger-ui.css")


@cache
def swagger_assets() -> Path:
    """The folder of Swagger UI's files inside the swagger-ui-py package (found, not imported)."""
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the swagger-ui-py package is missing: run `make install`")
    folder = Path(next(iter(spec.submodule_search_locations))) / "static"
    missing = [name for name in _FILES if not (folder / name).is_file()]
    if missing:
        raise RuntimeError(f"swagger-ui-py has no {', '.join(missing)} in {folder}")
    return folder


def render_plugins() -> list[OpenAPIRenderPlugin]:
    """Swagger UI at /schema and /schema/swagger, plus the spec as JSON and YAML."""
    swagger = SwaggerRenderPlugin(
        js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
        css_url=f"{ASSETS_PATH}/swagger-ui.css",
        standalone_preset_js_url=f"{ASSETS_PATH}/swagger-ui-standalone-preset.js",
        path=["/", "/swagger"],
        favicon="",  # Litestar's default icon is on a CDN too
    )
    return [swagger, JsonRenderPlugin(), YamlRenderPlugin()]


def assets_router() -> Router:
    """Serves the three Swagger UI files (cached by browsers for a day)."""
    return create_static_files_router(
        path=ASSETS_PATH,
        directories=[swagger_assets()],
        include_in_schema=False,
        cache_control=CacheControlHeader(max_age=86400),
        name="schema-assets",
    )
