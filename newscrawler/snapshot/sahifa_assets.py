"""The stylesheets, inline CSS and scripts a Sahifa page carries in its head and at its end.

Written for the snapshot (not copied from the theme; the text is in `assets/`): the same kinds
of blocks a WordPress site with Sahifa prints, so that pages weigh what real ones do and the
parsers meet real script and style text.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

ASSETS = Path(__file__).parent / "assets"


def _asset_text(name: str) -> str:
    return (ASSETS / name).read_text(encoding="utf-8")


STYLESHEETS = (
    ("tie-style", "wp-content/themes/sahifa/style.css?ver=5.8.2"),
    ("tie-ilightbox-skin", "wp-content/themes/sahifa/css/ilightbox/dark-skin/skin.css?ver=5.8.2"),
    ("wp-block-library", "wp-includes/css/dist/block-library/style.min.css?ver=5.4.2"),
    ("taqyeem-style", "wp-content/plugins/taqyeem/style.css?ver=2.3"),
    ("contact-form-7", "wp-content/plugins/contact-form-7/includes/css/styles.css?ver=5.1.9"),
    ("wp-polls", "wp-content/plugins/wp-polls/polls-css.css?ver=2.75.4"),
    ("Droid+Sans", "https://fonts.googleapis.com/css?family=Droid+Sans%3Aregular%2C700"),
)
SCRIPTS = (
    "wp-includes/js/jquery/jquery.js?ver=1.12.4-wp",
    "wp-includes/js/jquery/jquery-migrate.min.js?ver=1.4.1",
    "wp-content/plugins/taqyeem/js/tie.js?ver=5.4.2",
)
FOOTER_SCRIPT_FILES = (
    "wp-content/plugins/contact-form-7/includes/js/scripts.js?ver=5.1.9",
    "wp-content/themes/sahifa/js/tie-scripts.js?ver=5.8.2",
    "wp-content/themes/sahifa/js/ilightbox.packed.js?ver=5.8.2",
    "wp-content/plugins/wp-polls/polls-js.js?ver=2.75.4",
    "wp-includes/js/comment-reply.min.js?ver=5.4.2",
    "wp-includes/js/wp-embed.min.js?ver=5.4.2",
)
# Sahifa prints a colour and a background for each category page and for its menu item.
CATEGORY_COLOURS = ("#c0392b", "#2980b9", "#16a085", "#8e44ad", "#d35400", "#2c3e50", "#27ae60")
BREAKPOINTS = (1045, 990, 900, 670, 500, 350)

BASE_RULES = _asset_text("sahifa.css")

RESPONSIVE_RULES = _asset_text("sahifa-responsive.css")


def _category_rules() -> str:
    rules = []
    for number, colour in enumerate(CATEGORY_COLOURS, start=3):
        rules.append(
            f".tie-cat-{number} a.more-link,.tie-cat-{number} .breaking-news span.breaking-news-"
            f"title,.tie-cat-{number} .pagination span.current{{background-color:{colour}}}\n"
            f".tie-cat-{number} #main-nav,.tie-cat-{number} .post-listing,.tie-cat-{number} "
            f"#tabbed-widget .widget-top{{border-color:{colour}}}\n"
            f".tie-cat-{number} .post-title a:hover,.tie-cat-{number} .entry a,.tie-cat-{number} "
            f"p.post-tag a:hover{{color:{colour}}}\n"
            f"#main-nav ul li.menu-item-{100 + number}.current-menu-item a,#main-nav ul "
            f"li.menu-item-{100 + number}:hover>a{{background:{colour};color:#fff}}\n"
            f"#main-nav ul li.menu-item-{100 + number} .mega-menu-block{{border-top:4px solid "
            f"{colour}}}\n"
        )
    return "".join(rules)


def _responsive_rules() -> str:
    blocks = []
    for width in BREAKPOINTS:
        inner = width - 40
        values = {
            "width": inner,
            "content": int(inner * 0.64),
            "sidebar": int(inner * 0.3),
            "mega": 23 if width > 900 else 48,
            "ticker": int(inner * 0.5),
            "related": 31 if width > 670 else 100,
            "footer": 22 if width > 900 else 48,
            "check": min(300, int(inner * 0.8)),
            "nav": int(inner * 0.23),
        }
        blocks.append(
            f"@media only screen and (max-width: {width}px){{{RESPONSIVE_RULES % values}}}"
        )
    return "\n".join(blocks)


EMOJI_SCRIPT = _asset_text("sahifa-emoji.html")

TIE_VARS = _asset_text("sahifa-vars.html")

FOOTER_INIT = _asset_text("sahifa-footer.html")


@lru_cache(maxsize=16)
def head_assets(root: str) -> str:
    """Stylesheet links, the theme's inline CSS and the head scripts, for links under `root`."""
    links = "\n".join(
        f"<link rel='stylesheet' id='{name}-css' href='{_asset(root, path)}' type='text/css' "
        "media='all' />"
        for name, path in STYLESHEETS
    )
    scripts = "\n".join(
        f"<script type='text/javascript' src='{_asset(root, path)}'></script>" for path in SCRIPTS
    )
    escaped = root.replace("/", "\\/")
    return "\n".join(
        [
            f'<link rel="pingback" href="{root}/xmlrpc.php" />',
            f'<link rel="alternate" type="application/rss+xml" title="SANA &raquo; Feed" '
            f'href="{root}/?feed=rss2" />',
            "<link rel='dns-prefetch' href='//fonts.googleapis.com' />",
            EMOJI_SCRIPT % {"root": escaped},
            links,
            scripts,
            TIE_VARS % {"root": escaped},
            '<link rel="shortcut icon" href="'
            + _asset(root, "wp-content/uploads/2014/10/fav.png")
            + '" title="Favicon" />',
            '<meta name="viewport" content="width=device-width, initial-scale=1.0" />',
            '<style type="text/css" media="screen">',
            BASE_RULES.strip(),
            _category_rules(),
            _responsive_rules(),
            "</style>",
        ]
    )


def _asset(root: str, path: str) -> str:
    return path if path.startswith("https://") else f"{root}/{path}"


def footer_scripts(root: str) -> str:
    files = "\n".join(
        f"<script type='text/javascript' src='{_asset(root, path)}'></script>"
        for path in FOOTER_SCRIPT_FILES
    )
    return f"{files}\n{FOOTER_INIT}"
