"""The search text of each incident holds its FRT systems, agencies and outcome too (issue 18:
"Fortify" found one case of dozens). Existing incidents' text is rebuilt here, in batches,
with plain SQL over the columns as they stand at this revision (the application's models may
change later; this migration must not).

Reviewed by hand.

Revision ID: 0023
Revises: 0022
Create Date: 2026-11-28
"""
import re
from collections import defaultdict
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from incidents.records.validation import fold
from incidents.vocab import FRT_SYSTEM, OUTCOME

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 2000


def _body(reference, narrative, names, labels) -> str:
    words = " ".join([reference, narrative or "", *names, *labels])
    return " ".join(re.findall(r"[^\W_]+", fold(words)))


def _rebuild(bind, with_labels: bool) -> None:
    last = 0
    while True:
        rows = bind.execute(
            sa.text(
                "SELECT id, reference, narrative, outcome FROM incidents WHERE id > :last "
                "ORDER BY id LIMIT :n"
            ),
            {"last": last, "n": BATCH},
        ).all()
        if not rows:
            return
        ids = {"ids": [r[0] for r in rows]}
        expanding = sa.bindparam("ids", expanding=True)
        names, labels = defaultdict(list), defaultdict(list)
        for incident_id, name, aliases in bind.execute(
            sa.text(
                "SELECT ip.incident_id, p.full_name, p.aliases FROM incident_people ip "
                "JOIN people p ON p.id = ip.person_id WHERE ip.incident_id IN :ids "
                "ORDER BY ip.position, ip.id"
            ).bindparams(expanding),
            ids,
        ):
            names[incident_id] += [name, aliases or ""]
        if with_labels:
            for incident_id, system in bind.execute(
                sa.text(
                    "SELECT incident_id, system FROM frt_uses WHERE incident_id IN :ids "
                    "ORDER BY position, id"
                ).bindparams(expanding),
                ids,
            ):
                label = FRT_SYSTEM.label(system)
                if label not in labels[incident_id]:
                    labels[incident_id].append(label)
            for incident_id, name in bind.execute(
                sa.text(
                    "SELECT ia.incident_id, a.name FROM incident_agencies ia "
                    "JOIN agencies a ON a.id = ia.agency_id WHERE ia.incident_id IN :ids"
                ).bindparams(expanding),
                ids,
            ):
                labels[incident_id].append(name)
        bodies = [
            {
                "_id": i,
                "_body": _body(
                    reference,
                    narrative,
                    names[i],
                    [*labels[i], OUTCOME.label(outcome) if outcome and with_labels else ""],
                ),
            }
            for i, reference, narrative, outcome in rows
        ]
        bind.execute(
            sa.text("UPDATE incident_search SET body = :_body WHERE incident_id = :_id"), bodies
        )
        last = rows[-1][0]


def upgrade() -> None:
    _rebuild(op.get_bind(), with_labels=True)


def downgrade() -> None:
    _rebuild(op.get_bind(), with_labels=False)
