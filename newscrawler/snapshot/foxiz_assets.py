"""The inline CSS and scripts a Foxiz page carries in its head and before `</body>`, built once."""

from __future__ import annotations

import json
from functools import cache

# Foxiz prints its customizer settings as CSS variables and per-element rules
# (`includes/css.php`); these are the snapshot's own values for that shape.
ROOT_VARIABLES = {
    "--g-color": "#c8102e",
    "--g-color-90": "#c8102ee6",
    "--dark-accent": "#0b1f33",
    "--dark-accent-90": "#0b1f33e6",
    "--dark-accent-0": "#0b1f3300",
    "--body-family": "'Roboto', Arial, Helvetica, sans-serif",
    "--body-fweight": "400",
    "--body-fsize": "17px",
    "--h1-family": "'Merriweather', Georgia, serif",
    "--h1-fweight": "700",
    "--h1-fsize": "38px",
    "--h2-fsize": "30px",
    "--h3-fsize": "22px",
    "--h4-fsize": "17px",
    "--h5-fsize": "15px",
    "--h6-fsize": "14px",
    "--meta-family": "'Roboto', Arial, Helvetica, sans-serif",
    "--meta-fweight": "400",
    "--meta-fsize": "12px",
    "--btn-family": "'Roboto', Arial, Helvetica, sans-serif",
    "--menu-family": "'Roboto', Arial, Helvetica, sans-serif",
    "--menu-fweight": "500",
    "--menu-fsize": "15px",
    "--submenu-fsize": "14px",
    "--headline-fsize": "38px",
    "--tagline-fsize": "19px",
    "--readmore-fsize": "13px",
    "--bookmark-fsize": "13px",
    "--round-3": "3px",
    "--round-5": "5px",
    "--round-7": "7px",
    "--hyperlink-line-color": "var(--g-color)",
    "--mbnav-height": "56px",
    "--s-content-width": "760px",
    "--max-width-wo-sb": "860px",
    "--s10-feat-ratio": "45%",
    "--s11-feat-ratio": "45%",
    "--login-popup-w": "350px",
}
ELEMENT_RULES = (
    ("body", "font-family: var(--body-family); font-size: var(--body-fsize); line-height: 1.7"),
    (".s-title", "font-family: var(--h1-family); font-size: var(--headline-fsize)"),
    (".s-tagline", "font-size: var(--tagline-fsize); font-weight: 400; color: #555"),
    (".entry-content > p", "margin-bottom: 1.2em"),
    (".entry-content .inline-single-ad", "margin: 30px auto; text-align: center"),
    (".ad-description", "display: block; font-size: 11px; letter-spacing: 1px; color: #999"),
    (".related-sec", "margin: 30px 0; padding: 20px; border: 1px solid #eee"),
    (".related-sec .block-inner", "display: grid; grid-gap: 15px"),
    (".efoot-bar", "display: flex; flex-flow: row wrap; gap: 7px; margin-top: 15px"),
    (".efoot-bar .blabel", "font-weight: 700; text-transform: uppercase"),
    (".efoot-commas .tag-bar a:not(:last-child):after", "content: ','"),
    (".efoot-border .efoot-bar a", "border: 1px solid #ddd; padding: 3px 10px"),
    (".single-meta", "display: flex; align-items: center; gap: 10px"),
    (".meta-el", "display: inline-flex; align-items: center; margin-right: 7px"),
    (".t-shared-sec", "display: flex; gap: 5px"),
    (".e-shared-sec", "margin-top: 30px; padding-top: 20px; border-top: 1px solid #eee"),
    (".entry-pagination .nav-label", "display: block; font-size: var(--meta-fsize)"),
    (".entry-pagination .nav-el", "flex: 0 0 50%; max-width: 50%"),
    ("#s-title-sticky", "position: fixed; top: 0; left: 0; right: 0; z-index: 9999"),
    (".sticky-title-label", "margin-right: 7px; color: var(--g-color)"),
    (".mega-dropdown", "position: absolute; left: 0; right: 0; visibility: hidden"),
    (".mega-col-trending .p-wrap", "padding-bottom: 10px; border-bottom: 1px dashed #eee"),
    (".mega-col-latest .mega-latest", "display: grid; grid-template-columns: repeat(4, 1fr)"),
    (".privacy-bar", "position: fixed; bottom: 20px; left: 20px; max-width: 360px"),
    (".breadcrumb-wrap", "font-size: var(--meta-fsize); margin-bottom: 10px"),
    (".breadcrumb-inner span[property=itemListElement]", "display: inline"),
    (".s-feat-outer .feat-caption", "font-size: 13px; margin-top: 7px; color: #777"),
    (".s-hl", "margin-bottom: 25px; padding: 20px; background: #f7f7f7"),
    (".author-box", "display: flex; gap: 20px; margin-top: 30px; padding: 20px"),
    (".reaction-sec", "display: flex; justify-content: center; gap: 10px"),
    (".comment-box-wrap", "margin-top: 30px"),
    (".sfoter-sec", "margin-top: 40px; padding-top: 40px; border-top: 1px solid #eee"),
    (".single-popular", "margin-top: 40px"),
    (".sidebar-wrap", "flex: 0 0 33.33%; max-width: 33.33%; padding-left: 30px"),
    (".footer-wrap", "background-color: var(--dark-accent); color: #fff"),
    (".header-lang .lang-link", "margin: 0 4px; font-weight: 700"),
    (".p-wrap .p-featured img", "object-fit: cover; width: 100%; height: 100%"),
    (".pagination-wrap .page-numbers", "display: inline-flex; min-width: 36px; height: 36px"),
)
BREAKPOINTS = ("1024px", "767px", "480px")
# Foxiz prints colour rules for every category id and each card part that shows one.
CATEGORY_IDS = range(2, 60)
CATEGORY_PARTS = (".p-category", ".ecat-bg-{id}", ".term-i-{id}", ".category-{id}")


def _rule(selector: str, declarations: str) -> str:
    return f"{selector} {{ {declarations}; }}"


def _category_rules() -> list[str]:
    rules = []
    for category_id in CATEGORY_IDS:
        hue = (category_id * 37) % 360
        selectors = ", ".join(
            part.format(id=category_id) + f".category-id-{category_id}" for part in CATEGORY_PARTS
        )
        rules.append(
            _rule(
                selectors,
                f"--cat-highlight: hsl({hue}, 70%, 40%); --cat-highlight-90: "
                f"hsla({hue}, 70%, 40%, .9); --cat-fcolor: #fff",
            )
        )
    return rules


def _responsive_rules() -> list[str]:
    rules = []
    for width in BREAKPOINTS:
        scaled = ", ".join(
            f"{selector}" for selector, _ in ELEMENT_RULES if selector.startswith(".s")
        )
        rules.append(
            f"@media (max-width: {width}) {{ body {{ --headline-fsize: calc(38px * {width[:-2]} "
            f"/ 1280); --h3-fsize: 19px; }} {scaled} {{ max-width: 100%; }} "
            ".sidebar-wrap { flex: 0 0 100%; max-width: 100%; padding-left: 0; } }"
        )
    return rules


@cache
def inline_css() -> str:
    """`<style id="foxiz-main-inline-css">`: variables, element rules, categories, media."""
    variables = "; ".join(f"{name}: {value}" for name, value in ROOT_VARIABLES.items())
    rules = [f":root {{ {variables}; }}", "[data-theme='dark'] { --g-color: #ff4d5e; }"]
    rules += [_rule(selector, body) for selector, body in ELEMENT_RULES]
    rules += _category_rules()
    rules += _responsive_rules()
    return '<style id="foxiz-main-inline-css">\n' + "\n".join(rules) + "\n</style>"


def _params(root: str) -> dict[str, object]:
    return {
        "ajaxurl": f"{root}/wp-admin/admin-ajax.php",
        "security": "a5b41c9e07",
        "themeSettings": {"darkMode": "0", "stickyNav": "1", "stickyNavMobile": "1"},
        "sliderSpeed": "5000",
        "sliderEffect": "slide",
        "sliderFMode": "1",
        "singleLoadNextLimit": "20",
        "liveInterval": "120",
        "yesPersonalized": "",
        "cookieDomain": "",
        "cookiePath": "/",
        "i18n": {
            "loading": "Loading...",
            "readMore": "Read More",
            "continueReading": "Continue Reading",
            "noResults": "Nothing found",
            "bookmarked": "Saved to your reading list",
            "removed": "Removed from your reading list",
        },
    }


@cache
def footer_scripts(root: str) -> str:
    """The theme's parameter objects and loader tags printed before `</body>`."""
    params = json.dumps(_params(root), ensure_ascii=False).replace("/", "\\/")
    sources = ("foxiz-core/assets/core.js", "foxiz/assets/js/global.js", "foxiz/assets/js/lazy.js")
    loaders = "".join(
        f'<script src="{root}/wp-content/themes/{src}?ver=2.3.4" id="{src.split("/")[-1]}-js">'
        "</script>"
        for src in sources
    )
    return (
        f'<script id="foxiz-global-js-extra">\nvar foxizParams = {params};\n</script>'
        f"{loaders}"
        '<script>document.documentElement.classList.remove("no-js");'
        "(function(){var b=document.getElementById('privacy-trigger');if(!b){return;}"
        "b.addEventListener('click',function(e){e.preventDefault();"
        "document.getElementById('rb-privacy').remove();});})();</script>"
    )
