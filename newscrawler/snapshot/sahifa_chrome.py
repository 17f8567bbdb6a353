"""Site-wide Sahifa chrome: theme options per page, head assets, header, sidebar and footer."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache

from newscrawler.snapshot.common import DAMASCUS, esc, long_date, parse_time, slug_in_url
from newscrawler.snapshot.content import ContentArticle
from newscrawler.snapshot.sahifa_assets import footer_scripts, head_assets
from newscrawler.snapshot.site import Site

RELATED_POSITIONS = ("in", "after", "off")
CHECK_ALSO_SIDES = ("right", "left")
TICKER_SIZE = 5
MEGA_MENU_POSTS = 4
MEGA_CHECK_ALSO_POSTS = 3
WIDGET_POSTS = 5
TAG_CLOUD_SIZE = 25
WIDGET_COMMENTS = (
    ("Nadia K.", "Good news for the farmers of the region, we hope the prices stay fair."),
    ("Samer", "Will the new schedule be published on the ministry website as well?"),
    ("Lina Haddad", "Thank you for reporting this in English, it helps us share it abroad."),
)
RELATIVE_DATE_DAYS = 30
# WordPress's Arabic locale, which SANA uses for the header date even on foreign editions.
ARABIC_DAYS = ("الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد")
ARABIC_MONTHS = (
    "يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو",
    "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر", "ديسمبر",
)  # fmt: skip
# A site with no archive posts still needs a render date.
EMPTY_SITE_CLOCK = datetime(2025, 8, 1, 9, 0, tzinfo=DAMASCUS)


@dataclass(frozen=True)
class SahifaOptions:
    """The theme options that change what Sahifa prints around one article."""

    related_position: str = "after"  # "in" (inside div.entry, before the content), "after", "off"
    share_top: bool = False
    post_tags: bool = True
    author_box: bool = False
    post_navigation: bool = False
    check_also_side: str = "right"
    comments: bool = False
    # One switch in the template prints both the BreadcrumbList and the `tie-schema-graph`.
    structure_data: bool = False


def options_for(post_id: int) -> SahifaOptions:
    """The options a post is rendered with: a fixed function of its id, so pages are stable."""
    rng = random.Random(f"sahifa:{post_id}")
    return SahifaOptions(
        related_position=rng.choice(RELATED_POSITIONS),
        share_top=rng.random() < 0.5,
        post_tags=rng.random() < 0.5,
        author_box=rng.random() < 0.5,
        post_navigation=rng.random() < 0.5,
        check_also_side=rng.choice(CHECK_ALSO_SIDES),
        comments=rng.random() < 0.5,
        structure_data=rng.random() < 0.5,
    )


def relative_listing_dates(query: str) -> bool:
    """Whether a listing prints Sahifa's `modern` time format ("3 days ago" for recent posts).

    Tag listings and even-numbered categories do; the home listing and odd categories print
    dates whatever the age.
    """
    key, _, value = query.partition("=")
    return key == "tag" or (key == "cat" and value.isdigit() and int(value) % 2 == 0)


def site_clock(site: Site) -> datetime:
    """When the snapshot claims to render: a day after its newest archive post.

    A fixed clock keeps every page the same from run to run; the header date and relative
    listing dates both count from it.
    """
    newest = site.archive_articles(site.home[:1])
    if not newest:
        return EMPTY_SITE_CLOCK
    return parse_time(newest[0].published).astimezone(DAMASCUS) + timedelta(days=1)


def arabic_date(moment: datetime) -> str:
    """`الثلاثاء , 17 سبتمبر 2024`: the header's date format (`l , j F Y`) in Arabic."""
    day, month = ARABIC_DAYS[moment.weekday()], ARABIC_MONTHS[moment.month - 1]
    return f"{day} , {moment.day} {month} {moment.year}"


def relative_time(published: str, clock: datetime) -> str:
    """`tie_get_time()` in the `modern` format: "N ago" under 30 days, else the date."""
    age = clock - parse_time(published)
    if age >= timedelta(days=RELATIVE_DATE_DAYS) or age < timedelta(0):
        return long_date(published)
    if age < timedelta(hours=1):
        return _ago(max(1, age.seconds // 60), "min", "mins")
    if age < timedelta(days=1):
        return _ago(age.seconds // 3600, "hour", "hours")
    if age < timedelta(days=7):
        return _ago(age.days, "day", "days")
    return _ago(age.days // 7, "week", "weeks")


def _ago(count: int, one: str, many: str) -> str:
    return f"{count} {one if count == 1 else many} ago"


def upload_url(root: str, path: str, size: str = "") -> str:
    """An uploads address; `size` (`110x75`) names a thumbnail WordPress cut from it."""
    if size:
        stem, dot, extension = path.rpartition(".")
        path = f"{stem}-{size}.{extension}" if dot else f"{path}-{size}"
    return f"{root}/wp-content/uploads/{esc(path)}"


def post_href(root: str, article: ContentArticle) -> str:
    return f"{root}/?p={article.post_id}"


def thumbnail(
    article: ContentArticle, root: str, size: str, width: int, height: int, link_class: str = ""
) -> str:
    """`div.post-thumbnail` of a card, with the srcset WordPress prints; '' without an image."""
    if article.featured_image is None:
        return ""
    image = article.featured_image
    srcset = ", ".join(
        f"{upload_url(root, image, f'{w}x{h}')} {w}w"
        for w, h in ((width, height), (300, 200), (1024, 576))
    )
    class_attr = f' class="{link_class}"' if link_class else ""
    return (
        f'<div class="post-thumbnail"><a{class_attr} href="{post_href(root, article)}" '
        'rel="bookmark">'
        f'<img width="{width}" height="{height}" src="{upload_url(root, image, size)}" '
        f'class="attachment-tie-{size} size-tie-{size} wp-post-image" alt="" '
        f'srcset="{srcset}" sizes="(max-width: {width}px) 100vw, {width}px" />'
        '<span class="fa overlay-icon"></span></a></div>'
    )


def widget_item(article: ContentArticle, root: str, date: str) -> str:
    """One `li` of a posts widget (`tie_last_posts`): thumbnail, h3 title, `span.tie-date`."""
    return (
        '<li class="tie_thumb">'
        f"{thumbnail(article, root, '110x75', 110, 75)}"
        f'<h3><a href="{post_href(root, article)}">{esc(article.title)}</a></h3>'
        f' <span class="tie-date"><i class="fa fa-clock-o"></i>{date}</span></li>'
    )


@dataclass(frozen=True)
class SiteChrome:
    """The parts every page of one site and host prints the same way, rendered once."""

    head_assets: str
    header: str
    sidebar: str
    footer: str


@lru_cache(maxsize=16)
def site_chrome(site: Site, root: str) -> SiteChrome:
    """The site's constant chrome for links under `root` (cached: pages differ in host only)."""
    return SiteChrome(
        head_assets=head_assets(root) + (_rtl_stylesheet(root) if site.edition.rtl else ""),
        header=_header(site, root),
        sidebar=_sidebar(site, root),
        footer=_footer(site, root),
    )


def _rtl_stylesheet(root: str) -> str:
    """`locale_stylesheet()`: WordPress links the theme's `rtl.css` on a right-to-left site."""
    return (
        f'\n<link rel="stylesheet" href="{root}/wp-content/themes/sahifa/rtl.css" '
        'type="text/css" media="screen" />'
    )


def _header(site: Site, root: str) -> str:
    return "\n".join(
        [
            '<aside id="slide-out"><div class="search-mobile"><form method="get" '
            f'id="searchform-mobile" action="{root}/"><input type="text" id="s-mobile" '
            'name="s" value="Search" /></form></div><div id="mobile-menu"></div></aside>',
            '<div id="wrapper" class="wide-layout"><div class="inner-wrapper">',
            '<header id="theme-header" class="theme-header">',
            _top_nav(site, root),
            _header_content(root),
            _main_nav(site, root),
            "</header>",
            _breaking_news(site, root),
            '<div class="e3lan e3lan-below_header">'
            f'<a href="{root}/?page_id=2" title="SANA services">'
            f'<img src="{upload_url(root, "2016/01/banner-services.jpg")}" alt="SANA services" />'
            "</a></div>",
        ]
    )


def _top_nav(site: Site, root: str) -> str:
    pages = ("About Us", "Contact Us", "Photo Gallery", "Video", "Infographics", "Archive")
    menu = "".join(
        f'<li id="menu-item-{900 + n}" class="menu-item menu-item-type-post_type '
        f'menu-item-object-page menu-item-{900 + n}"><a href="{root}/?page_id={10 + n}">'
        f"{name}</a></li>"
        for n, name in enumerate(pages)
    )
    return (
        '<div id="top-nav" class="top-nav"><div class="container">'
        f'<span class="today-date">{arabic_date(site_clock(site))}</span>'
        f'<div class="top-menu"><ul id="menu-top" class="menu">{menu}</ul></div>'
        '<div class="search-block"><form method="get" id="searchform-header" '
        f'action="{root}/"><button class="search-button" type="submit" value="Search">'
        '<i class="fa fa-search"></i></button><input class="search-live" type="text" '
        'id="s-header" name="s" title="Search" value="Search" '
        "onfocus=\"if (this.value == 'Search') {this.value = '';}\" "
        "onblur=\"if (this.value == '') {this.value = 'Search';}\" /></form></div>"
        f"{_social_icons()}"
        '<div id="tie_lang_switcher"><a href="https://sana.sy/">عربي</a> '
        '<a href="https://sana.sy/fr/">Français</a> <a href="https://sana.sy/es/">Español</a> '
        '<a href="https://sana.sy/ru/">Русский</a> <a href="https://sana.sy/tr/">Türkçe</a></div>'
        "</div></div>"
    )


def _social_icons() -> str:
    networks = ("facebook", "twitter", "youtube", "instagram", "telegram", "rss")
    icons = "".join(
        f'<a class="ttip-none" title="{name.title()}" href="https://www.{name}.com/SANAEnglish" '
        f'target="_blank"><i class="fa fa-{name}"></i></a>'
        for name in networks
    )
    return f'<div class="social-icons">{icons}</div>'


def _header_content(root: str) -> str:
    logo = upload_url(root, "2014/10/sana-logo-en.png")
    return (
        '<div class="header-content"><a id="slide-out-open" class="slide-out-open" href="#">'
        "<span></span></a>"
        '<div class="logo"><h2><a title="Syrian Arab News Agency" href="'
        f'{root}/"><img src="{logo}" alt="Syrian Arab News Agency" width="300" height="90" />'
        "<strong>Syrian Arab News Agency SANA</strong></a></h2></div>"
        '<div class="e3lan e3lan-top"><a href="https://sana.sy/en/?page_id=7" title="">'
        f'<img src="{upload_url(root, "2019/05/top-banner.jpg")}" alt="" /></a></div>'
        '<div class="clear"></div></div>'
    )


def _main_nav(site: Site, root: str) -> str:
    items = [
        f'<li class="menu-item menu-item-home"><a href="{root}/">'
        f'<i class="fa fa-home"></i>{site.edition.text("Home")}</a></li>',
        _recent_featured_menu(site, root),
    ]
    items += [_category_menu(site, root, category_id) for category_id in site.categories]
    return (
        '<nav id="main-nav" class="fixed-enabled"><div class="container">'
        f'<div class="main-menu"><ul id="menu-main" class="menu">{"".join(items)}</ul></div>'
        f'<a href="{root}/?tierand=1" class="random-article ttip" title="Random Article">'
        '<i class="fa fa-random"></i></a></div></nav>'
    )


def _mega_post(article: ContentArticle, root: str, date: str) -> str:
    href = post_href(root, article)
    picture = thumbnail(article, root, "310x165", 310, 165, link_class="mega-menu-link")
    return (
        '<div class="mega-menu-item"><div class="mega-menu-post">'
        f"{picture}"
        f'<h3 class="post-box-title"><a class="mega-menu-link" href="{href}" '
        f'title="{esc(article.title)}">{esc(article.title)}</a></h3>'
        f'<span class="tie-date"><i class="fa fa-clock-o"></i>{date}</span></div></div>'
    )


def _category_menu(site: Site, root: str, category_id: int) -> str:
    """A category item with a `mega-cat` menu: its latest posts as h3 cards."""
    category = site.categories[category_id]
    posts = site.archive_articles(site.by_category.get(category_id, [])[:MEGA_MENU_POSTS])
    tab = f"mega-cat-{category_id}-{category.slug}"
    date = site.edition.listing_date
    cards = "".join(_mega_post(article, root, date(article.published)) for article in posts)
    return (
        f'<li id="menu-item-{100 + category_id}" class="menu-item menu-item-type-taxonomy '
        f'menu-item-object-category mega-menu mega-cat"><a href="{root}/?cat={category_id}">'
        f"{esc(category.name)}</a>"
        '<div class="mega-menu-block menu-sub-content"><div class="mega-menu-content">'
        f'<div class="mega-cat-wrapper"><ul class="mega-cat-sub-categories"><li>'
        f'<a href="#{tab}">{esc(category.name)}</a></li></ul>'
        f'<div class="mega-cat-content mega-cat-content-tab" id="{tab}">{cards}</div>'
        "</div></div></div></li>"
    )


def _recent_featured_menu(site: Site, root: str) -> str:
    """The recent+featured mega menu: one big post and a `mega-check-also` list."""
    posts = site.archive_articles(site.home[: 1 + MEGA_CHECK_ALSO_POSTS])
    if not posts:
        return ""
    first, rest = posts[0], posts[1:]
    date = site.edition.listing_date
    others = "".join(
        f"<li>{thumbnail(article, root, '110x75', 110, 75)}"
        f'<h3 class="post-box-title"><a class="mega-menu-link" href="{post_href(root, article)}" '
        f'title="{esc(article.title)}">{esc(article.title)}</a></h3>'
        f'<span class="tie-date"><i class="fa fa-clock-o"></i>{date(article.published)}'
        "</span></li>"
        for article in rest
    )
    return (
        '<li id="menu-item-99" class="menu-item mega-menu mega-recent-featured">'
        f'<a href="{root}/?paged=1">{site.edition.text("Latest News")}</a>'
        '<div class="mega-menu-block menu-sub-content"><div class="mega-menu-content">'
        f'<div class="mega-recent-post">{thumbnail(first, root, "660x330", 660, 330)}'
        f'<h3 class="post-box-title"><a class="mega-menu-link" href="{post_href(root, first)}">'
        f"{esc(first.title)}</a></h3>"
        f'<span class="tie-date"><i class="fa fa-clock-o"></i>{date(first.published)}'
        "</span></div>"
        f'<div class="mega-check-also"><ul>{others}</ul></div>'
        "</div></div></li>"
    )


def _breaking_news(site: Site, root: str) -> str:
    items = "".join(
        f'<li><a href="{post_href(root, article)}" title="{esc(article.title)}">'
        f"{esc(article.title)}</a></li>"
        for article in site.archive_articles(site.home[:TICKER_SIZE])
    )
    return (
        '<div class="clear"></div><div id="breaking-news" class="breaking-news">'
        '<span class="breaking-news-title"><i class="fa fa-bolt"></i> '
        f"<span>{site.edition.text('Breaking News')}</span></span><ul>{items}</ul>"
        '<script type="text/javascript">jQuery(document).ready(function(){'
        "createTicker();});</script></div>"
    )


def _sidebar(site: Site, root: str) -> str:
    return "\n".join(
        [
            '<aside id="sidebar"><div class="theiaStickySidebar">',
            _tabbed_widget(site, root),
            _posts_list_widget(site, root),
            '<div id="ads300_250-widget-2" class="widget e3lan e3lan300_250-widget">'
            '<div class="e3lan-widget-content e3lan300-250"><div class="e3lan-cell">'
            '<a href="https://sana.sy/en/?page_id=7">'
            f'<img src="{upload_url(root, "2018/02/side.jpg")}" alt="" /></a>'
            "</div></div></div><!-- .widget /-->",
            "</div></aside><!-- #sidebar /-->",
        ]
    )


def _tabbed_widget(site: Site, root: str) -> str:
    """`framework/widgets/widget-tabbed.php`, tabs in the order p,r,c,t: Popular is `#tab1`,
    Recent `#tab2`, Comments `#tab3` (readers' comments), Tags `#tab4` (`wp_tag_cloud`)."""
    recent = site.archive_articles(site.home[:WIDGET_POSTS])
    popular = site.archive_articles(site.home[WIDGET_POSTS : 2 * WIDGET_POSTS])
    commented = site.archive_articles(site.home[2 * WIDGET_POSTS : 3 * WIDGET_POSTS])
    tabs = "".join(
        f'<li class="tabs"><a href="#tab{n}">{site.edition.text(name)}</a></li>'
        for n, name in enumerate(("Popular", "Recent", "Comments", "Tags"), start=1)
    )
    return (
        '<div class="widget" id="tabbed-widget"><div class="widget-container">'
        '<div class="widget-top"><ul class="tabs posts-taps">'
        f"{tabs}</ul></div>"
        f'<div id="tab1" class="tabs-wrap"><ul>{_items(site, popular, root)}</ul></div>'
        f'<div id="tab2" class="tabs-wrap"><ul>{_items(site, recent, root)}</ul></div>'
        f'<div id="tab3" class="tabs-wrap"><ul>{_recent_comments(site, commented, root)}</ul></div>'
        f'<div id="tab4" class="tabs-wrap tagcloud">{_tag_cloud(site, root)}</div>'
        "</div></div><!-- .widget /-->"
    )


def _items(site: Site, articles: list[ContentArticle], root: str) -> str:
    date = site.edition.listing_date
    return "".join(widget_item(article, root, date(article.published)) for article in articles)


def _recent_comments(site: Site, articles: list[ContentArticle], root: str) -> str:
    """`tie_most_commented`: the latest comments, avatar and "Author: excerpt... " (80 chars)."""
    items = []
    comments = site.edition.reader_comments or WIDGET_COMMENTS
    for number, article in enumerate(articles):
        author, text = comments[number % len(comments)]
        comment_id = article.post_id % 9000 + number + 1
        items.append(
            '<li><div class="post-thumbnail" style="width:55px"><img alt="" src="https://secure.'
            'gravatar.com/avatar/?s=55&#038;d=mm&#038;r=g" class="avatar avatar-55 photo" '
            f'height="55" width="55" /></div><a href="{post_href(root, article)}#comment-'
            f'{comment_id}">{esc(author)}: {esc(text[:80])}... </a></li>'
        )
    return "".join(items)


def _tag_cloud(site: Site, root: str) -> str:
    """`wp_tag_cloud(largest 8, number 25, order DESC)`: the 25 most used tags, all 8pt (the
    smallest size is 8 too), by name from Z to A."""
    used = sorted(site.tag_names.items(), key=lambda tag: -len(site.by_tag.get(tag[0], [])))
    cloud = sorted(used[:TAG_CLOUD_SIZE], key=lambda tag: tag[1].casefold(), reverse=True)
    return "".join(
        f'<a href="{root}/?tag={slug_in_url(slug)}" class="tag-cloud-link tag-link-{n} '
        f'tag-link-position-{n}" style="font-size: 8pt;">{esc(name)}</a>\n'
        for n, (slug, name) in enumerate(cloud, start=1)
    )


def _posts_list_widget(site: Site, root: str) -> str:
    category = next(iter(site.categories.values()), None)
    if category is None:
        return ""
    posts = site.archive_articles(site.by_category.get(category.id, [])[:WIDGET_POSTS])
    name = category.name
    return (
        '<div id="posts-list-widget-2" class="widget posts-list"><div class="widget-top">'
        f'<h4>{esc(name)}</h4><div class="stripe-line"></div></div>'
        f'<div class="widget-container"><ul>{_items(site, posts, root)}</ul>'
        '<div class="clear"></div></div></div><!-- .widget /-->'
    )


def _footer(site: Site, root: str) -> str:
    boxes = []
    for box, category_id in zip(
        ("first", "second", "third"), list(site.categories)[1:4], strict=False
    ):
        category = site.categories[category_id]
        posts = site.archive_articles(site.by_category.get(category_id, [])[:WIDGET_POSTS])
        boxes.append(
            f'<div id="footer-{box}" class="footer-widgets-box">'
            f'<div id="posts-list-widget-{category_id}" class="footer-widget posts-list">'
            f'<div class="footer-widget-top"><h4>{esc(category.name)}</h4></div>'
            f'<div class="footer-widget-container"><ul>{_items(site, posts, root)}</ul>'
            '<div class="clear"></div></div></div><!-- .widget /--></div>'
        )
    boxes.append(
        '<div id="footer-fourth" class="footer-widgets-box"><div id="text-2" '
        'class="footer-widget widget_text"><div class="footer-widget-top">'
        f"<h4>{site.edition.text('About SANA')}</h4>"
        '</div><div class="footer-widget-container"><div class="textwidget"><p>The Syrian '
        "Arab News Agency publishes news from Syria and the world in Arabic, English, French, "
        "Spanish, Russian, Turkish and other languages.</p></div></div></div></div>"
    )
    return "\n".join(
        [
            '<div class="clear"></div>',
            '<div class="e3lan e3lan-bottom"><a href="https://sana.sy/en/?page_id=7">'
            f'<img src="{upload_url(root, "2019/05/bottom-banner.jpg")}" alt="" /></a></div>',
            '<footer id="theme-footer"><div id="footer-widget-area" class="footer-4c">',
            "".join(boxes),
            "</div></footer>",
            '<div class="clear"></div><div class="footer-bottom"><div class="container">'
            '<div class="alignright">Powered by <a href="https://sana.sy/en/">SANA</a></div>'
            f"{_social_icons()}"
            '<div class="alignleft">© Copyright 2025, All Rights Reserved to Syrian Arab News '
            'Agency</div><div class="clear"></div></div></div>',
            "</div><!-- .inner-Wrapper --></div><!-- #Wrapper --></div><!-- .Wrapper-outer -->",
            '<div id="topcontrol" class="fa fa-angle-up" title="Scroll To Top"></div>',
            '<div id="fb-root"></div>',
            footer_scripts(root),
        ]
    )
