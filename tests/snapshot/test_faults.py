"""Faults, host redirects, conditional requests, versions and the request log, over HTTP."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from parsel import Selector

from newscrawler.snapshot.process import SnapshotStartError, running_snapshot
from tests.snapshot.conftest import TEST_CONTENT, fetch

FAULTS = (
    "503:p=200101:2:30",
    "503:cat=8",
    "slow:p=200120:1.0",
    "charset:p=200130",
    "broken:paged=2",
    "layout:p=200050",
    "layout:/en/economy/",
    "gone:p=600010$",
    "gone:p=600011$:410",
)


@pytest.fixture(scope="module")
def faulty(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    log = tmp_path_factory.mktemp("faults") / "requests.jsonl"
    args = ["--content", str(TEST_CONTENT), "--generate", "30", "--request-log", str(log)]
    for spec in FAULTS:
        args += ["--fault", spec]
    with running_snapshot(*args) as url:
        yield url, log


@pytest.fixture(scope="module")
def redirecting() -> Iterator[str]:
    args = ["--content", str(TEST_CONTENT), "--archive-host", "localhost"]
    with running_snapshot(*args, "--serve-version", "200130:1") as url:
        yield url


def test_503_for_the_first_count_requests_then_the_page(faulty: tuple[str, Path]) -> None:
    url = f"{faulty[0]}/en/?p=200101"
    for _ in range(2):
        answer = fetch(url)
        assert answer.status == 503
        assert answer.headers["Retry-After"] == "30"
    assert fetch(url).status == 200


def test_503_defaults_to_one_request_without_retry_after(faulty: tuple[str, Path]) -> None:
    first = fetch(f"{faulty[0]}/en/?cat=8")
    assert first.status == 503
    assert first.headers["Retry-After"] is None
    assert fetch(f"{faulty[0]}/en/?cat=8").status == 200


def test_slow_fault_delays_only_matching_pages(faulty: tuple[str, Path]) -> None:
    started = time.monotonic()
    assert fetch(f"{faulty[0]}/en/?p=200120").status == 200
    assert time.monotonic() - started >= 1.0
    started = time.monotonic()
    fetch(f"{faulty[0]}/robots.txt")
    assert time.monotonic() - started < 0.5


def test_charset_fault_declares_latin1_for_utf8_bytes(faulty: tuple[str, Path]) -> None:
    answer = fetch(f"{faulty[0]}/en/?p=200130")
    assert answer.headers["Content-Type"] == "text/html; charset=ISO-8859-1"
    assert "Hama, SANA –" in answer.body.decode("utf-8")
    assert "Hama, SANA â\x80\x93" in answer.body.decode(answer.headers.get_content_charset() or "")


def test_broken_fault_truncates_mid_markup(faulty: tuple[str, Path]) -> None:
    broken = fetch(f"{faulty[0]}/en/?paged=2")
    whole = fetch(f"{faulty[0]}/en/?paged=3")
    assert broken.status == 200
    assert int(broken.headers["Content-Length"]) == len(broken.body)
    assert not broken.text.rstrip().endswith("</html>")
    assert 'class="pagination"' not in broken.text
    assert len(broken.body) < 0.5 * len(whole.body)


def test_layout_fault_drifts_archive_class_names(faulty: tuple[str, Path]) -> None:
    page = Selector(text=fetch(f"{faulty[0]}/en/?p=200050").text)
    assert page.css("h1.post-title").get() is None
    assert page.css("div.entry").get() is None
    assert "Lavrov said the silence" in page.css("article#the-post").get(default="")
    intact = Selector(text=fetch(f"{faulty[0]}/en/?p=200101").text)
    assert intact.css("h1.post-title").get() is not None


def test_layout_fault_drifts_relaunch_class_names(faulty: tuple[str, Path]) -> None:
    page = Selector(text=fetch(f"{faulty[0]}/en/economy/2270050/").text)
    assert page.css("h1.s-title").get() is None
    assert page.css("div.entry-content").get() is None
    assert "ninety companies" in page.get()


def test_conditional_requests_get_304(faulty: tuple[str, Path]) -> None:
    url = f"{faulty[0]}/en/politics/2270101/"
    first = fetch(url)
    etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
    assert last_modified == "Tue, 21 Oct 2025 13:10:00 GMT"
    by_etag = fetch(url, {"If-None-Match": etag})
    assert (by_etag.status, by_etag.body) == (304, b"")
    assert by_etag.headers["ETag"] == etag
    assert fetch(url, {"If-Modified-Since": last_modified}).status == 304
    assert fetch(url, {"If-Modified-Since": "Tue, 21 Oct 2025 13:09:59 GMT"}).status == 200
    stale = {"If-None-Match": '"stale"', "If-Modified-Since": last_modified}
    assert fetch(url, stale).status == 200


def test_request_log_records_every_request(faulty: tuple[str, Path]) -> None:
    url, log = faulty
    headers = {"User-Agent": "log-probe/1.0", "If-None-Match": '"x"'}
    fetch(f"{url}/robots.txt", {"User-Agent": "log-probe/1.0"})
    fetch(f"{url}/en/?p=404404", headers)
    records = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    robots, missing = [r for r in records if r["user_agent"] == "log-probe/1.0"]
    assert (robots["path"], robots["status"], robots["if_none_match"]) == ("/robots.txt", 200, None)
    assert missing["method"] == "GET"
    assert missing["path"] == "/en/?p=404404"
    assert missing["status"] == 404
    assert missing["host"] == url.removeprefix("http://")
    assert missing["if_none_match"] == '"x"'
    assert missing["if_modified_since"] is None
    assert isinstance(missing["ts"], float) and missing["ts"] >= robots["ts"]


def test_gone_fault_takes_pages_down_with_404_or_410(faulty: tuple[str, Path]) -> None:
    for _ in range(2):
        assert fetch(f"{faulty[0]}/en/?p=600010").status == 404
    gone = fetch(f"{faulty[0]}/en/?p=600011")
    assert gone.status == 410
    assert "post-title" not in gone.text
    assert fetch(f"{faulty[0]}/en/?p=600012").status == 200


def test_gone_fault_answers_only_404_or_410() -> None:
    with (
        pytest.raises(SnapshotStartError, match=r"invalid parse_fault value: .gone:p=1:500."),
        running_snapshot("--content", str(TEST_CONTENT), "--fault", "gone:p=1:500"),
    ):
        pass


def test_archive_addresses_redirect_to_the_archive_host(redirecting: str) -> None:
    port = redirecting.rsplit(":", 1)[1]
    answer = fetch(f"{redirecting}/en/?p=200101")
    assert answer.status == 301
    assert answer.headers["Location"] == f"http://localhost:{port}/en/?p=200101"
    assert fetch(f"{redirecting}/en/?cat=3").headers["Location"].endswith("/en/?cat=3")
    assert fetch(f"{redirecting}/en/?p=200101", {"Host": f"localhost:{port}"}).status == 200
    assert fetch(f"{redirecting}/en/politics/2270101/").status == 200
    assert fetch(f"{redirecting}/robots.txt").status == 200


def test_serve_version_replaces_title_body_and_modified(redirecting: str) -> None:
    port = redirecting.rsplit(":", 1)[1]
    answer = fetch(f"{redirecting}/en/?p=200130", {"Host": f"localhost:{port}"})
    page = Selector(text=answer.text)
    assert (
        page.css("h1.post-title span::text").get() == "Update-Water station in Hama back in service"
    )
    assert "a second one reopens on Friday" in answer.text
    modified = page.css("meta[property='article:modified_time']::attr(content)").get()
    assert modified == "2017-04-03T15:40:00+03:00"


def test_start_fails_clearly_on_a_bad_content_file(tmp_path: Path) -> None:
    for name in ("categories.json", "sections.json"):
        (tmp_path / name).write_text((TEST_CONTENT / name).read_text())
    (tmp_path / "archive").mkdir()
    (tmp_path / "archive" / "5.json").write_text('{"post_id": 5}')
    with (
        pytest.raises(SnapshotStartError, match=r"5\.json.*missing keys"),
        running_snapshot("--content", str(tmp_path)),
    ):
        pass


def test_start_fails_on_a_version_that_does_not_exist() -> None:
    with (
        pytest.raises(SnapshotStartError, match="200130 has 1 versions, not 3"),
        running_snapshot("--content", str(TEST_CONTENT), "--serve-version", "200130:3"),
    ):
        pass
