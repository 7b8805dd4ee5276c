"""Row builders of the demo generator: FRT uses, documents presented and timelines, with the
correlations a real case shows (a definitive-ID match is often the sole basis and unreviewed)."""

from __future__ import annotations

from datetime import timedelta

from incidents.models import DocumentPresented, FrtUse, TimelineEvent
from incidents.vocab import (
    AGENT_RESPONSE,
    CITIZENSHIP_DOCUMENTS,
    FRT_CAPTURE_SOURCE,
    FRT_MODE,
    FRT_RESULT,
    FRT_SYSTEM,
    FRT_TREATED_AS,
    HUMAN_REVIEW,
    ID_DOCUMENT,
    YES_NO_UNKNOWN,
)


class RowBuilders:
    """Mixed into the Generator, which provides `rng`, `pick` and `next_id`."""

    def _frt(self, index, iid, rows, systems, captures, mode, treated, agency_ids):
        rng = self.rng
        for position in range(rng.choices((1, 2), weights=(85, 15))[0]):
            treated_as = self.pick(
                index,
                FRT_TREATED_AS,
                rng.choices([t for t, _ in treated], [w for _, w in treated])[0],
            )
            definitive = treated_as == "definitive_id"
            rows["frt"].append(
                {
                    "id": self.next_id(FrtUse),
                    "incident_id": iid,
                    "position": position,
                    "system": self.pick(index + position, FRT_SYSTEM, rng.choice(systems)),
                    "operator_agency_id": rng.choice(agency_ids),
                    "mode": self.pick(
                        index, FRT_MODE, mode if mode != "unknown" else rng.choice(FRT_MODE.codes)
                    ),
                    "capture_source": self.pick(index, FRT_CAPTURE_SOURCE, rng.choice(captures)),
                    "result": self.pick(
                        index, FRT_RESULT, rng.choices(FRT_RESULT.codes, weights=(8, 2, 1, 1))[0]
                    ),
                    "treated_as": treated_as,
                    "sole_basis": self.pick(
                        index,
                        YES_NO_UNKNOWN,
                        "yes"
                        if definitive and rng.random() < 0.7
                        else rng.choice(("no", "unknown")),
                    ),
                    "human_review": self.pick(
                        index,
                        HUMAN_REVIEW,
                        rng.choice(
                            ("none", "none", "field_visual")
                            if definitive
                            else ("field_visual", "trained_examiner", "unknown")
                        ),
                    ),
                    "independent_corroboration": self.pick(
                        index,
                        YES_NO_UNKNOWN,
                        rng.choice(
                            ("no", "no", "unknown") if definitive else ("yes", "no", "unknown")
                        ),
                    ),
                    "misidentified": self.pick(
                        index,
                        YES_NO_UNKNOWN,
                        rng.choices(("yes", "no", "unknown"), weights=(6, 2, 2))[0],
                    ),
                    "disclosed_to_person": self.pick(
                        index,
                        YES_NO_UNKNOWN,
                        rng.choices(("yes", "no", "unknown"), weights=(2, 6, 2))[0],
                    ),
                    "score": round(rng.uniform(70, 99.5), 1) if rng.random() < 0.15 else None,
                    "notes": None,
                }
            )

    def _documents(self, index, iid, subject_id, rows):
        rng = self.rng
        count = 1 if index < len(ID_DOCUMENT.codes) else rng.choices((0, 1, 2), (25, 55, 20))[0]
        for position in range(count):
            kind = self.pick(
                index + position,
                ID_DOCUMENT,
                rng.choice(
                    (
                        "birth_certificate",
                        "us_passport",
                        "passport_card",
                        "drivers_license",
                        "real_id",
                        "green_card",
                        "naturalization_certificate",
                        "digital_copy",
                    )
                ),
            )
            ignored = ("ignored", "rejected", "confiscated", "not_examined")
            response = (
                rng.choice((*ignored, "accepted", "verified_later"))
                if kind in CITIZENSHIP_DOCUMENTS
                else rng.choice(AGENT_RESPONSE.codes)
            )
            rows["docs"].append(
                {
                    "id": self.next_id(DocumentPresented),
                    "incident_id": iid,
                    "position": position,
                    "document_type": kind,
                    "presented_by_id": subject_id,
                    "agent_response": self.pick(index, AGENT_RESPONSE, response),
                    "notes": None,
                }
            )

    def _timeline(self, index, iid, start, hours, outcome, rows):
        steps = [("stop", 0), ("face_scan", 0.1), ("id_presented", 0.2)]
        if outcome not in ("released_at_scene",):
            steps += [
                ("detention_start", 0.3),
                ("release" if outcome != "removed" else "removal", 0.3 + hours),
            ]
        if index % 40 == 3:
            steps += [
                ("transfer", 1),
                ("questioning", 0.5),
                ("hearing", hours + 200),
                ("complaint_filed", hours + 400),
                ("lawsuit_filed", hours + 900),
                ("other", hours + 950),
            ]
        for position, (kind, offset) in enumerate(steps):
            rows["timeline"].append(
                {
                    "id": self.next_id(TimelineEvent),
                    "incident_id": iid,
                    "position": position,
                    "kind": kind,
                    "starts_at": start + timedelta(hours=offset),
                    "ends_at": None,
                    "place": None,
                    "description": None,
                }
            )
