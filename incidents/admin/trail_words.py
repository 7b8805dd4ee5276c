"""Words for the codes and counts that audit details hold (see trail_details). They are marked
for translation and translated where the page draws them; the CSV export reads them in English
(`i18n.in_english`)."""

from __future__ import annotations

from incidents.i18n import N_, ngettext, number

REASONS = {
    "bad_password": N_("wrong password"),
    "unknown_account": N_("no account has that email address"),
    "throttled": N_("too many attempts: sign-in paused for a while"),
    "inactive": N_("the account is deactivated"),
    "bad_second_factor": N_("wrong second-factor code"),
}
SCOPES = {"mine": N_("their own cases"), "all": N_("the whole organization")}


# count key → the count in words ("12 rows", "3 rejected")
COUNTS = {
    "rows": lambda n: ngettext("%(count)s row", "%(count)s rows", n, count=number(n)),
    "imported": lambda n: ngettext("%(count)s imported", "%(count)s imported", n, count=number(n)),
    "updated": lambda n: ngettext("%(count)s updated", "%(count)s updated", n, count=number(n)),
    "rejected": lambda n: ngettext("%(count)s rejected", "%(count)s rejected", n, count=number(n)),
    "problems": lambda n: ngettext("%(count)s problem", "%(count)s problems", n, count=number(n)),
    "added": lambda n: ngettext("%(count)s added", "%(count)s added", n, count=number(n)),
    "already_recorded": lambda n: ngettext(
        "%(count)s already recorded", "%(count)s already recorded", n, count=number(n)
    ),
    "exhibits": lambda n: ngettext("%(count)s exhibit", "%(count)s exhibits", n, count=number(n)),
    "areas": lambda n: ngettext(
        "%(count)s area blurred", "%(count)s areas blurred", n, count=number(n)
    ),
    "checked": lambda n: ngettext(
        "%(count)s file checked", "%(count)s files checked", n, count=number(n)
    ),
    "missing": lambda n: ngettext("%(count)s missing", "%(count)s missing", n, count=number(n)),
    "altered": lambda n: ngettext("%(count)s altered", "%(count)s altered", n, count=number(n)),
    "provisions": lambda n: ngettext(
        "%(count)s provision", "%(count)s provisions", n, count=number(n)
    ),
    "organizations": lambda n: ngettext(
        "%(count)s organization", "%(count)s organizations", n, count=number(n)
    ),
    "incidents_eligible": lambda n: ngettext(
        "%(count)s case eligible", "%(count)s cases eligible", n, count=number(n)
    ),
    "rows_exported": lambda n: ngettext(
        "%(count)s row exported", "%(count)s rows exported", n, count=number(n)
    ),
    "rows_suppressed": lambda n: ngettext(
        "%(count)s row suppressed", "%(count)s rows suppressed", n, count=number(n)
    ),
    "evidence_cited": lambda n: ngettext(
        "%(count)s evidence item cited", "%(count)s evidence items cited", n, count=number(n)
    ),
    "count": lambda n: ngettext("%(count)s case", "%(count)s cases", n, count=number(n)),
    "legal_actions": lambda n: ngettext(
        "%(count)s legal action", "%(count)s legal actions", n, count=number(n)
    ),
    "sessions": lambda n: ngettext(
        "%(count)s session ended", "%(count)s sessions ended", n, count=number(n)
    ),
    "expired": lambda n: ngettext(
        "%(count)s job result deleted", "%(count)s job results deleted", n, count=number(n)
    ),
}
FLAGS = {
    "search": N_("with a search"),
    "archived": N_("archived cases"),
    "research": N_("research charts"),
    "second_factor": N_("with a second factor"),
    "calendar_feed_stopped": N_("calendar feed stopped"),
    "override": N_("differs from the suggestion"),
    "skip_invalid": N_("invalid rows skipped"),
    "refused": N_("refused: nothing saved"),
    "prepared": N_("export prepared"),
}
# anonymization settings of the research export (k-anonymity, l-diversity)
NAMED = {
    "k": N_("Chosen k"),
    "l": N_("Chosen l"),
    "k_required": N_("Required k"),
    "k_achieved": N_("Achieved k"),
    "l_required": N_("Required l"),
    "l_achieved": N_("Achieved l"),
    "incidents_eligible": N_("Incidents eligible"),
    "rows_exported": N_("Rows exported"),
    "rows_suppressed": N_("Rows suppressed"),
    "information_loss": N_("Information loss"),
    "highest_prosecutor_risk": N_("Highest prosecutor risk"),
    "average_prosecutor_risk": N_("Average prosecutor risk"),
}
