"""Injected faults (`--fault SPEC`): 503, slowness, wrong charset, broken markup, layout drift,
takedowns.

Each fault applies to requests whose target (path plus `?query`) matches its regular
expression (`re.search`). Spec forms:

- `503:REGEX[:COUNT[:RETRY_AFTER]]`: the first COUNT matching requests (default 1; 0 means
  every one) get `503 Service Unavailable`, with `Retry-After: RETRY_AFTER` when given.
- `slow:REGEX:SECONDS`: the answer is sent after SECONDS (a float).
- `charset:REGEX`: the bytes stay UTF-8 (and the page's `<meta charset>` still says so) but the
  `Content-Type` header declares `ISO-8859-1`, the misconfigured-server case: a client that
  trusts the header, as HTTP says it should, reads `–` as `â€“`.
- `broken:REGEX`: only the first 40% of the page is sent, cut mid-markup, no closing tags.
- `layout:REGEX`: article pages come in a drifted theme: no `h1.post-title`/`div.entry`
  (archive), no `h1.s-title`/`div.entry-content` (relaunched).
- `script:REGEX`: an unclosed `<script>` is opened after the body's first paragraph; it
  swallows the rest of the page up to the next `</script>` (page_faults.py).
- `unclosed:REGEX`: an unclosed `<div>` is opened after the body's first paragraph; the
  theme's `</div>` meant for the entry closes it, and the entry runs on into the chrome.
- `title:REGEX[:SIZE]`: the printed `<h1>` title is SIZE characters long (default 100,000).
- `short:REGEX`: only the body's first paragraph is printed, while the page's JSON-LD
  `articleBody` keeps every paragraph (added to the page's article node when it has none).
- `redirect:REGEX:TARGET`: `302 Found` to TARGET, an absolute `http://` or `https://` URL
  (another host, such as a second snapshot on `127.0.0.2`).
- `loop:REGEX`: A → B → A: the address answers 302 to itself plus `&loop=b`, which answers
  302 back (the regex must match both).
- `hops:REGEX:N`: a chain of N redirects (`&hop=1`, `&hop=2`, …) before the page itself.
- `gzip-bomb:REGEX:BYTES`: a small `Content-Encoding: gzip` body that inflates to BYTES
  zero bytes (concatenated gzip members, each of one MiB; never held inflated).
- `endless:REGEX[:TOTAL]`: an archive-layout listing whose next page (`paged=N+1`) always
  exists, each with ten new made-up article links (they answer 404); with TOTAL, each page
  still prints `Page N of TOTAL`.
- `huge:REGEX:N`: one archive-layout listing page of N made-up article links.
- `drip:REGEX:SECONDS`: the answer's body is sent one byte every SECONDS.
- `gone:REGEX[:STATUS]`: the page was taken down: every matching request gets STATUS, 404
  (default) or 410, with the theme-less "not found" page a server sends.
- `unreadable:REGEX`: `200` with an RSS content type but a PHP error page for a body: a feed
  no parser, however lenient, reads an item from.
"""

from __future__ import annotations

import gzip
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from w3lib.url import add_or_replace_parameter, url_query_parameter

from newscrawler.snapshot import page_faults

KINDS = (
    "503", "slow", "charset", "broken", "layout",
    "script", "unclosed", "title", "short", "gone",
    "redirect", "loop", "hops", "gzip-bomb", "endless", "huge", "drip", "unreadable",
)  # fmt: skip
HUGE_TITLE_SIZE = 100_000
# Kinds whose spec ends in `:NUMBER` (seconds, bytes, links, hops); `endless` may.
_NUMBER_KINDS = frozenset({"slow", "hops", "gzip-bomb", "huge", "drip"})
LOOP_PARAMETER = "loop"
HOP_PARAMETER = "hop"
BOMB_MEMBER_SIZE = 1024 * 1024
ENDLESS_LINKS_PER_PAGE = 10
ENDLESS_FIRST_ID = 9_000_000
HUGE_FIRST_ID = 8_000_000
GONE_STATUSES = (404, 410)
BROKEN_FRACTION = 0.4
# What a WordPress feed answers when a plugin dies half-way: no XML declaration, no `<rss>`.
UNREADABLE_FEED = (
    "<br />\n<b>Fatal error</b>:  Allowed memory size of 134217728 bytes exhausted (tried to "
    "allocate 20480 bytes) in <b>/var/www/html/wp-includes/feed-rss2.php</b> on line "
    "<b>117</b><br />\n"
)
DECLARED_WRONG_CHARSET = "ISO-8859-1"


@dataclass(frozen=True)
class Fault:
    kind: str
    pattern: re.Pattern[str]
    count: int = 1
    retry_after: int | None = None
    seconds: float = 0.0
    target: str = ""
    number: int = 0
    status: int = 404


def parse_fault(spec: str) -> Fault:
    """Parse one `--fault` spec; raise ValueError with the spec in the message."""
    kind, _, rest = spec.partition(":")
    if kind not in KINDS or not rest:
        raise ValueError(f"bad fault {spec!r}: expected one of {', '.join(KINDS)} then :REGEX")
    try:
        if kind == "503":
            return _parse_unavailable(rest)
        if kind == "gone":
            return _parse_gone(rest)
        if kind == "title":
            return _parse_title(rest)
        if kind == "redirect":
            return _parse_redirect(rest)
        if kind == "endless" and not rest.rpartition(":")[2].isdigit():
            return Fault(kind, re.compile(rest))
        if kind in _NUMBER_KINDS or kind == "endless":
            regex, _, number = rest.rpartition(":")
            if kind in ("slow", "drip"):
                return Fault(kind, re.compile(regex), seconds=float(number))
            return Fault(kind, re.compile(regex), number=int(number))
        return Fault(kind, re.compile(rest))
    except (re.error, ValueError) as error:
        raise ValueError(f"bad fault {spec!r}: {error}") from error


def _parse_redirect(rest: str) -> Fault:
    regex, separator, scheme_rest = rest.partition(":http")
    if not separator:
        raise ValueError("expected redirect:REGEX:TARGET with an http(s):// TARGET")
    return Fault("redirect", re.compile(regex), target="http" + scheme_rest)


def _parse_unavailable(rest: str) -> Fault:
    parts = rest.split(":")
    # Numbers are peeled off the right so that the regex itself may contain colons.
    numbers: list[int] = []
    while len(parts) > 1 and len(numbers) < 2 and parts[-1].isdigit():
        numbers.insert(0, int(parts.pop()))
    count = numbers[0] if numbers else 1
    retry_after = numbers[1] if len(numbers) > 1 else None
    return Fault("503", re.compile(":".join(parts)), count=count, retry_after=retry_after)


def _parse_title(rest: str) -> Fault:
    regex, _, size = rest.rpartition(":")
    if not (regex and size.isdigit()):
        return Fault("title", re.compile(rest), number=HUGE_TITLE_SIZE)
    return Fault("title", re.compile(regex), number=int(size))


def _parse_gone(rest: str) -> Fault:
    regex, _, status = rest.rpartition(":")
    if not (regex and status.isdigit()):
        return Fault("gone", re.compile(rest))
    if int(status) not in GONE_STATUSES:
        raise ValueError(f"a takedown answers {' or '.join(map(str, GONE_STATUSES))}")
    return Fault("gone", re.compile(regex), status=int(status))


class Faults:
    """The active faults; counts 503s across threads."""

    def __init__(self, faults: Sequence[Fault] = ()) -> None:
        self._faults = tuple(faults)
        self._served_503: dict[int, int] = {}
        self._lock = threading.Lock()

    def unavailable(self, target: str) -> Fault | None:
        """The 503 fault this request falls under, if any is not yet used up."""
        for index, fault in enumerate(self._faults):
            if fault.kind != "503" or not fault.pattern.search(target):
                continue
            with self._lock:
                served = self._served_503.get(index, 0)
                if fault.count == 0 or served < fault.count:
                    self._served_503[index] = served + 1
                    return fault
        return None

    def delay(self, target: str) -> float:
        return sum(f.seconds for f in self._matching("slow", target))

    def wrong_charset(self, target: str) -> bool:
        return any(self._matching("charset", target))

    def broken(self, target: str) -> bool:
        return any(self._matching("broken", target))

    def drifted(self, target: str) -> bool:
        return any(self._matching("layout", target))

    def rewrite(self, target: str, html: str) -> str:
        """The page as the page-rewriting faults matching `target` print it (page_faults.py)."""
        for fault in self._faults:
            if not fault.pattern.search(target):
                continue
            if fault.kind == "script":
                html = page_faults.unclosed_script(html)
            elif fault.kind == "unclosed":
                html = page_faults.unclosed_div(html)
            elif fault.kind == "title":
                html = page_faults.huge_title(html, fault.number)
            elif fault.kind == "short":
                html = page_faults.short_body(html)
        return html

    def drip(self, target: str) -> float:
        """Seconds between the body's bytes; 0 sends it at once."""
        return max((f.seconds for f in self._matching("drip", target)), default=0.0)

    def redirect(self, target: str) -> str | None:
        """Where a `redirect`, `loop` or `hops` fault sends `target`, if one applies."""
        for fault in self._faults:
            if fault.kind in ("redirect", "loop", "hops") and fault.pattern.search(target):
                location = _REDIRECTS[fault.kind](fault, target)
                if location is not None:
                    return location
        return None

    def page(self, target: str) -> tuple[dict[str, str], bytes] | None:
        """Headers and body of a `gzip-bomb`, `endless`, `huge` or `unreadable` answer."""
        for fault in self._faults:
            if fault.kind in _PAGES and fault.pattern.search(target):
                return _PAGES[fault.kind](fault, target)
        return None

    def gone(self, target: str) -> int | None:
        """The status of the takedown this request falls under, if any."""
        return next((f.status for f in self._matching("gone", target)), None)

    def _matching(self, kind: str, target: str) -> list[Fault]:
        return [f for f in self._faults if f.kind == kind and f.pattern.search(target)]


def _with_parameter(target: str, name: str, value: str | None) -> str:
    """`target` (path and query) with the query parameter `name` set, or removed when None."""
    url = "http://snapshot" + target
    if value is None:
        path, _, query = url.partition("?")
        kept = [part for part in query.split("&") if part and not part.startswith(name + "=")]
        url = path + ("?" + "&".join(kept) if kept else "")
    else:
        url = add_or_replace_parameter(url, name, value)
    return url[len("http://snapshot") :]


def without_hops(target: str) -> str:
    """The address a `hops` chain ends at: `target` without its hop counter."""
    return _with_parameter(target, HOP_PARAMETER, None)


def _redirect_target(fault: Fault, target: str) -> str | None:
    return fault.target


def _loop_target(fault: Fault, target: str) -> str | None:
    url = "http://snapshot" + target
    back = url_query_parameter(url, LOOP_PARAMETER) is not None
    return _with_parameter(target, LOOP_PARAMETER, None if back else "b")


def _hops_target(fault: Fault, target: str) -> str | None:
    hop = int(url_query_parameter("http://snapshot" + target, HOP_PARAMETER) or 0)
    if hop >= fault.number:
        return None  # the end of the chain: the page itself
    return _with_parameter(target, HOP_PARAMETER, str(hop + 1))


_REDIRECTS = {"redirect": _redirect_target, "loop": _loop_target, "hops": _hops_target}


@lru_cache(maxsize=4)
def gzip_bomb(size: int) -> bytes:
    """Gzip members that inflate to `size` zero bytes; about 1 KB per MiB inflated."""
    whole, rest = divmod(size, BOMB_MEMBER_SIZE)
    member = gzip.compress(bytes(BOMB_MEMBER_SIZE), compresslevel=9)
    return member * whole + (gzip.compress(bytes(rest), compresslevel=9) if rest else b"")


def _bomb_page(fault: Fault, target: str) -> tuple[dict[str, str], bytes]:
    headers = {"Content-Type": "text/html; charset=UTF-8", "Content-Encoding": "gzip"}
    return headers, gzip_bomb(fault.number)


def listing_html(post_ids: range, pagination: str = "") -> bytes:
    """A bare archive-layout listing of made-up articles (relative links keep it small)."""
    items = "".join(
        f'<h2 class="post-box-title"><a href="/en/?p={post_id}">Item {post_id}</a></h2>\n'
        for post_id in post_ids
    )
    return (
        '<!DOCTYPE html>\n<html lang="en-US"><head><meta charset="UTF-8" />'
        "<title>Listing | SANA</title></head>\n<body>"
        f'<div class="post-listing archive-box">\n{items}</div>{pagination}</body></html>\n'
    ).encode()


def _endless_page(fault: Fault, target: str) -> tuple[dict[str, str], bytes]:
    page = int(url_query_parameter("http://snapshot" + target, "paged") or 1)
    first = ENDLESS_FIRST_ID + page * ENDLESS_LINKS_PER_PAGE
    label = f'<span class="pages">Page {page} of {fault.number}</span>' if fault.number else ""
    next_href = _with_parameter(target, "paged", str(page + 1))
    pagination = (
        f'<div class="pagination">{label}<span class="current">{page}</span>'
        f'<span id="tie-next-page"><a href="{next_href}">&raquo;</a></span></div>'
    )
    body = listing_html(range(first, first + ENDLESS_LINKS_PER_PAGE), pagination)
    return {"Content-Type": "text/html; charset=UTF-8"}, body


def _huge_page(fault: Fault, target: str) -> tuple[dict[str, str], bytes]:
    body = listing_html(range(HUGE_FIRST_ID, HUGE_FIRST_ID + fault.number))
    return {"Content-Type": "text/html; charset=UTF-8"}, body


def _unreadable_feed(fault: Fault, target: str) -> tuple[dict[str, str], bytes]:
    return {"Content-Type": "application/rss+xml; charset=UTF-8"}, UNREADABLE_FEED.encode()


_PAGES = {
    "gzip-bomb": _bomb_page,
    "endless": _endless_page,
    "huge": _huge_page,
    "unreadable": _unreadable_feed,
}


def truncate(body: bytes) -> bytes:
    """The first 40% of a page, ending on a whole UTF-8 character."""
    cut = body[: int(len(body) * BROKEN_FRACTION)]
    return cut.decode("utf-8", errors="ignore").encode("utf-8")
