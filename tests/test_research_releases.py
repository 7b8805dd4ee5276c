"""Issue 19 on the research page: the researcher ranks what to keep and pins levels, the page
offers the best releases with what each keeps and costs, the chosen one is the one downloaded
(and audited), the disclosure report says it in words; the aggregate tables are as fine as
their counts allow."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter

from sqlmodel import select

from incidents.exports.aggregates import RARER, SMALL, grouped, published_share
from incidents.exports.hierarchy import BY_NAME
from incidents.models import AuditEvent
from tests.conftest import fresh
from tests.test_exports import seed

PATTERNS = {  # what a period looks like at each level
    0: r"\d{4}(-\d{2})?",
    1: r"\d{4}(-Q[1-4])?",
    2: r"\d{4}",
    3: r"all",
}


def _releases(html: str) -> list[str]:
    return re.findall(r"release=(\d(?:-\d){4})", html)


def test_the_page_offers_releases_and_the_chosen_one_is_downloaded(
    client, signed_in, runner, session
):
    seed(runner, session, count=400)
    signed_in("researcher", org="Export Org")
    page = client.get("/research?k=5&rank_period=1&rank_region=2").get_data(as_text=True)
    assert "Releases that keep most of what you asked for" in page
    assert "(least loss)" in page and "Information lost" in page and "Rows left out" in page
    offered = _releases(page.split('id="releases"')[1].split("</section>")[0])
    assert len(offered) == 2  # the two releases not chosen, each with its link
    chosen = offered[-1]
    page = client.get(f"/research?k=5&rank_period=1&rank_region=2&release={chosen}")
    html = page.get_data(as_text=True)
    report = html.split('id="report"')[1]
    assert "Keeps:" in report and "Re-identification risk (prosecutor model" in report
    download = re.search(r'href="(/research/export\.csv\?[^"]+)"', report).group(1)
    assert f"release={chosen}" in download.replace("&amp;", "&")
    body = client.get(download.replace("&amp;", "&")).get_data(as_text=True)
    rows = list(csv.DictReader(io.StringIO(body)))
    levels = dict(zip(BY_NAME, map(int, chosen.split("-")), strict=True))
    assert all(re.fullmatch(PATTERNS[levels["period"]], r["period"]) for r in rows)
    sizes = Counter(tuple(r[name] for name in BY_NAME) for r in rows)
    assert min(sizes.values()) >= 5
    event = (
        fresh(session).exec(select(AuditEvent).where(AuditEvent.action == "research_export")).one()
    )
    assert json.loads(event.details)["release"] == chosen  # which release was downloaded
    viewed = (
        fresh(session)
        .exec(select(AuditEvent.details).where(AuditEvent.action == "research_page_viewed"))
        .all()
    )
    assert any(json.loads(d).get("release") == chosen for d in viewed)


def test_pins_hold_and_ranks_are_one_each(client, signed_in, runner, session):
    seed(runner, session, count=1000)
    signed_in("researcher", org="Export Org")
    # at ~700 eligible incidents no release keeps months: refused, and the pin is named
    html = client.get("/research?k=5&pin_period=0").get_data(as_text=True)
    assert "No generalization with the levels you pinned reaches k=5" in html
    html = client.get("/research?k=5&pin_period=2").get_data(as_text=True)
    offered = _releases(html)
    assert offered  # the releases to choose from, and the download of the chosen one
    for code in offered:
        assert int(code.split("-")[0]) <= 2, code  # "at least the year": never hidden
    refused = client.get("/research?k=5&rank_period=1&rank_region=1")
    assert refused.status_code == 400
    assert "Give each rank to one thing at most." in refused.get_data(as_text=True)
    unpinned = client.get("/research?k=5&pin_period=2&release=3-0-3-1-0")  # hides time
    assert "does not keep what you pinned" in unpinned.get_data(as_text=True)
    tampered = client.get("/research/export.csv?k=5&release=9-9-9-9-9")
    assert tampered.status_code == 409
    assert "That release is not one this page offers" in tampered.get_data(as_text=True)


def test_a_release_that_keeps_almost_nothing_says_what_to_change(
    client, signed_in, runner, session
):
    seed(runner, session, count=120)
    signed_in("researcher", org="Export Org")
    html = client.get("/research?k=10").get_data(as_text=True)
    report = html.split('id="report"')[1]
    assert "This release keeps almost no detail" in report
    assert "rank it first or pin its level" in report


def test_two_way_tables_hide_no_cell_and_rates_hide_no_small_count(
    client, signed_in, runner, session
):
    """A reviewer worked out every hidden cell of the FRT system by outcome table from the
    home page's margins: a two-way table now shows no hidden cell — merged to "other", or
    withheld — and every count it shows is 0 or 11 or more."""
    seed(runner, session, count=1000)
    signed_in("researcher", org="Export Org")
    html = client.get("/research").get_data(as_text=True).split("Aggregate tables")[1]
    rates = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", html))
    rates = {name: v for name, v in rates.items() if not name.startswith("Median")}
    assert rates and all(v == "too few to report" or v.endswith("%") for v in rates.values())
    two_way = [
        "Incidents by FRT system and outcome",
        "Incidents by agency level and how the match was treated",
        "Incidents by consent to the scan and how the match was treated",
    ]
    shown_tables = 0
    time_place = re.search(r"<h3>(Incidents by (quarter|year) and [^<]+)</h3>", html)[1]
    if "Census region" in time_place:  # else time alone for the US: a one-way table
        two_way.append(time_place)
    for title in two_way:
        part = html.split(f"<h3>{title}</h3>")[1].split("<h3>")[0]
        if "Too few incidents to show this table" in part:
            assert "<table" not in part
            continue
        shown_tables += 1
        cells = re.findall(r"<td[^>]*>([^<]+)</td>", part)
        assert cells and all(c != "suppressed" and c != "<11" for c in cells), title
        assert all(int(c.replace(",", "")) == 0 or int(c.replace(",", "")) >= SMALL for c in cells)
    assert shown_tables >= 2  # at ~700 incidents most of them are shown
    assert 'class="table table--compact table--cards"' in html  # cards on a phone


def test_rare_values_are_merged_until_no_count_is_small():
    small = Counter({("a", "x"): 40, ("a", "y"): 15, ("b", "x"): 12, ("c", "y"): 20, ("d", "x"): 4})
    merged = grouped(small)
    assert merged is not None and all(n == 0 or n >= SMALL for n in merged.values())
    assert sum(merged.values()) == sum(small.values())  # nothing lost, only merged
    assert any(RARER in key for key in merged)
    big = Counter({("a", "x"): 40, ("b", "y"): SMALL})
    assert grouped(big) == big  # nothing to merge when the counts can be shown
    assert grouped(Counter({("a", "x"): 3, ("b", "y"): 2})) is None  # withheld


def test_a_rate_says_nothing_of_a_small_count():
    assert published_share(29, 30) == "too few to report"  # 95 %: one incident not counted
    assert published_share(1, 30) == "too few to report"
    assert published_share(15, 30) == "50 %" and published_share(30, 30) == "100 %"
    assert published_share(5, 9) == "too few to report"


def test_the_command_line_takes_priorities_and_refuses_unknown_ones(runner, session, tmp_path):
    seed(runner, session, count=1000)
    target = tmp_path / "out.csv"
    args = ["export-research", "-o", str(target), "--org", "Export Org"]
    result = runner.invoke(args=[*args, "--keep", "period,region", "--pin", "period=year"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.split("\nWrote")[0])
    assert report["generalization"]["period"] in ("month", "quarter", "year")
    assert 0 <= report["information_loss"] <= 1 and report["highest_prosecutor_risk"] <= 0.2
    bad = runner.invoke(args=[*args, "--keep", "zipcode"])
    assert bad.exit_code != 0 and "--keep: unknown 'zipcode'" in bad.output
    bad = runner.invoke(args=[*args, "--pin", "period=decade"])
    assert bad.exit_code != 0 and "--pin 'period=decade': use one of" in bad.output


def test_a_researcher_takes_one_release_until_an_administrator_withdraws_it(
    app, client, signed_in, make_user, runner, session
):
    from tests.conftest import login, post_form

    seed(runner, session, count=400)
    researcher, _ = signed_in("researcher", org="Export Org")
    page = client.get("/research?k=5").get_data(as_text=True)
    first, second = _releases(page.split('id="releases"')[1])[:2]
    taken = client.get(f"/research/export.csv?k=5&release={first}")
    assert taken.status_code == 200 and taken.get_data().startswith(b"row_id,")
    again = client.get(f"/research/export.csv?k=5&release={first}")
    assert again.status_code == 409  # the same release in full twice would single out changes
    assert "You downloaded this release in full on" in again.get_data(as_text=True)
    other = client.get(f"/research/export.csv?k=5&release={second}")
    assert other.status_code == 409
    refused = other.get_data(as_text=True)
    assert "could be joined row by row" in refused
    refusals = (
        fresh(session)
        .exec(
            select(AuditEvent)
            .where(AuditEvent.action == "research_export_refused")
            .order_by(AuditEvent.seq)
        )
        .all()
    )  # a refused attempt is in the trail too: the copy again, then the other release
    assert [json.loads(e.details)["release"] for e in refusals] == [first, second]
    assert all(e.actor_id == researcher.id for e in refusals)
    assert 'id="releases"' in refused and "Not yours to download" in refused  # see, not take
    assert "Your release of these data keeps" in client.get("/research?k=5").get_data(True)
    # an administrator of the organization withdraws it: another may be taken
    admin, admin_password = make_user("admin", org="Export Org")
    boss = app.test_client()
    login(boss, admin.email, admin_password)
    edit = f"/admin/users/{researcher.id}"
    assert "Research release" in boss.get(edit).get_data(as_text=True)
    mine = f"/admin/users/{admin.id}"  # nobody withdraws their own
    own = post_form(boss, f"{mine}/research-release/withdraw", token_from=mine)
    assert own.status_code == 302
    assert "Another administrator withdraws" in boss.get(mine).get_data(as_text=True)
    post_form(boss, f"{edit}/research-release/withdraw", token_from=edit)
    assert client.get(f"/research/export.csv?k=5&release={second}").status_code == 200
    withdrawn = (
        fresh(session)
        .exec(select(AuditEvent).where(AuditEvent.action == "research_release_withdrawn"))
        .one()
    )
    assert withdrawn.actor_id == admin.id and withdrawn.object_id == str(researcher.id)


def test_rates_and_risks_never_round_to_all_or_nothing():
    from incidents.exports.aggregates import share
    from incidents.exports.disclosure import percent

    assert share(836, 838) == "over 99 %" and share(838, 838) == "100 %"
    assert share(1, 400) == "under 1 %" and share(0, 400) == "0 %" and share(1, 2) == "50 %"
    assert percent(1 / 1374) == "0.073 %" and percent(0.2) == "20 %" and percent(0.0242) == "2.4 %"


def test_a_release_the_data_do_not_allow_is_refused_and_not_taken(
    client, signed_in, runner, session
):
    """The download's own statement checks the release: one that leaves out more rows than
    the budget allows is refused with the page's releases, and the researcher keeps no
    release — they may take one that passes."""
    seed(runner, session, count=400)
    signed_in("researcher", org="Export Org")
    finest = client.get("/research/export.csv?k=5&release=0-0-0-0-0")  # every detail kept
    assert finest.status_code == 409
    html = finest.get_data(as_text=True)
    assert "does not reach k=5 within the suppression budget" in html and 'id="releases"' in html
    assert "Your release of these data keeps" not in client.get("/research?k=5").get_data(True)
    offered = _releases(client.get("/research?k=5").get_data(as_text=True))[0]
    assert client.get(f"/research/export.csv?k=5&release={offered}").status_code == 200


def test_a_download_cut_off_is_audited_as_such(client, signed_in, runner, session):
    seed(runner, session, count=400)
    researcher, _ = signed_in("researcher", org="Export Org")
    response = client.get("/research/export.csv?k=5")
    chunks = response.iter_encoded()
    assert next(chunks).startswith(b"row_id,")
    sent = next(chunks).count(b"\n")  # one batch of rows, then the reader stalls
    meanwhile = client.get("/research/export.csv?k=5")  # two at once: two complete copies
    assert meanwhile.status_code == 409
    assert "A download of this release is under way" in meanwhile.get_data(as_text=True)
    response.close()  # the reader goes away
    event = (
        fresh(session).exec(select(AuditEvent).where(AuditEvent.action == "research_export")).one()
    )
    details = json.loads(event.details)
    assert event.actor_id == researcher.id and details["complete"] is False
    assert details["rows"] == sent and "sha256" not in details
    assert "Your release of these data keeps" in client.get("/research?k=5").get_data(True)
    again = client.get("/research/export.csv?k=5")  # cut off: it may be started again
    assert again.status_code == 200 and again.get_data().startswith(b"row_id,")


def test_l_counts_the_sensitive_values_as_the_file_writes_them(runner, session, tmp_path):
    """Rare outcomes are written "other": l is counted over what a reader of the file sees,
    so every class of the file holds at least the l the report claims."""
    organization = seed(runner, session, count=1000)
    target = tmp_path / "l.csv"
    args = ["export-research", "-o", str(target), "--org", "Export Org", "--k", "20"]
    result = runner.invoke(args=[*args, "--l", "4", "--l-column", "outcome"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output.split("\nWrote")[0])
    rows = list(csv.DictReader(io.StringIO(target.read_text())))
    assert any(r["outcome"] == "other" for r in rows)  # some outcomes are rare at k=20
    values: dict[tuple, set] = {}
    for r in rows:
        values.setdefault(tuple(r[name] for name in BY_NAME), set()).add(r["outcome"])
    assert min(len(v) for v in values.values()) == report["l_achieved"] >= 4
    from incidents.exports.services import prepare

    export = prepare(
        session=session, organization_id=organization.id, k=20, l_div=4, sensitive="outcome"
    )
    assert export.rule.rare == tuple(sorted(export.rare["outcome"])) != ()


def test_the_database_holds_one_release_per_researcher_and_head_takes_none(
    client, signed_in, runner, session
):
    import pytest
    from sqlalchemy.exc import IntegrityError

    from incidents.models import ResearchRelease

    seed(runner, session, count=400)
    researcher, _ = signed_in("researcher", org="Export Org")
    head = client.head("/research/export.csv?k=5")
    assert head.status_code == 405
    assert not fresh(session).exec(select(ResearchRelease)).all()
    for code in ("3-2-0-1-1", "3-1-0-1-1"):
        session.add(ResearchRelease(user_id=researcher.id, organizations="1", code=code))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_releases_are_said_in_words_and_the_command_line_is_in_its_trail(
    app, runner, session, tmp_path, make_user
):
    from incidents.exports.releases import describe
    from tests.conftest import login

    assert describe("3-0-1-0-0") == (
        "age in 10-year bands, Census division, nationality by world region, agency level"
    )
    assert describe("1-1-3-1-1") == "quarter, age in 20-year bands"
    assert describe("9-9") == "the levels 9-9"
    organization = seed(runner, session, count=1000)
    target = tmp_path / "cli.csv"
    result = runner.invoke(
        args=["export-research", "-o", str(target), "--org", "Export Org", "--k", "5"]
    )
    assert result.exit_code == 0, result.output
    event = (
        fresh(session).exec(select(AuditEvent).where(AuditEvent.action == "research_export")).one()
    )
    assert event.organization_id == organization.id  # the organization's administrators see it
    admin, password = make_user("admin", org="Export Org")
    boss = app.test_client()
    login(boss, admin.email, password)
    trail = boss.get("/admin/audit?action=research_export").get_data(as_text=True)
    assert "The release that keeps" in trail


def test_the_time_table_counts_only_dates_known_to_the_month(client, signed_in, runner, session):
    """The home page's quarterly chart leaves out dates known only to the year; the year
    table did not, and a year less its quarters gave how many such dates a year had (1 to 10).
    Both now count the same incidents."""
    from sqlalchemy import update

    from incidents.models import Incident
    from incidents.records.research import refresh

    seed(runner, session, count=120)
    session.execute(update(Incident).values(date_precision="year"))
    session.commit()
    refresh(session, session.exec(select(Incident.id)).all())
    session.commit()
    signed_in("researcher", org="Export Org")
    html = client.get("/research").get_data(as_text=True).split("Aggregate tables")[1]
    part = html.split("(dates known to the month or the day)</h3>")[1].split("<h3>")[0]
    assert "No incidents to count." in part and "<table" not in part
