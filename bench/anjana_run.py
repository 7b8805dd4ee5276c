"""Run by bench/anonymity.py inside .venv-anjana (anjana pins numpy, pandas and pyCANON versions
the application cannot use): k-anonymity of the bench's rows by anjana, with the bench's
hierarchies, k and suppression limit; and pyCANON's k of anjana's output and of our export.

Arguments: DATA.csv HIERARCHIES.json OUT_DIR K SUPP_PERCENT [OURS.csv]
- DATA.csv: row_id and the five level-0 quasi-identifiers, one row per eligible incident.
- HIERARCHIES.json: {quasi-identifier: {level: [value of each leaf at that level]}}, anjana's
  hierarchy tables (one entry per level-0 value, as its examples load them from ARX files).
- OURS.csv: our export (optional), for pyCANON's k.
Writes OUT_DIR/anjana.json (levels, rows suppressed, seconds, pyCANON's k) and
OUT_DIR/anjana_rows.csv (row_id and the generalized quasi-identifiers of every row kept). Reads
every cell as text, "NA" and the like included (no NaN: pandas' groupby would drop such rows)."""

import contextlib
import io
import json
import sys
import time
from importlib.metadata import version
from pathlib import Path

import pandas as pd
import pycanon.anonymity
from anjana.anonymity import k_anonymity_inner

QUASI_IDENTIFIERS = ["period", "age_band", "region", "nationality_region", "agency_level"]


def read(path: str) -> pd.DataFrame:
    """A CSV with every cell as text (no NaN, no numbers)."""
    return pd.read_csv(path, dtype=str, keep_default_na=False, na_filter=False)


def main() -> None:
    data_csv, hierarchies_json, out_dir, k, supp = sys.argv[1:6]
    ours_csv = sys.argv[6] if len(sys.argv) > 6 else None
    out = Path(out_dir)
    data = read(data_csv)
    tables = json.loads(Path(hierarchies_json).read_text())
    hierarchies = {
        qi: {int(level): pd.Series(values) for level, values in levels.items()}
        for qi, levels in tables.items()
    }
    chatter = io.StringIO()  # anjana prints when the data are already k-anonymous
    began = time.perf_counter()
    with contextlib.redirect_stdout(chatter):
        anonymized, suppressed, levels = k_anonymity_inner(
            data, [], QUASI_IDENTIFIERS, int(k), float(supp), hierarchies
        )
    seconds = time.perf_counter() - began
    result = {
        "anjana": version("anjana"),
        "pycanon": version("pycanon"),
        "seconds": seconds,
        "levels": {qi: int(level) for qi, level in levels.items()},
        "suppressed": int(suppressed),
        "rows_kept": len(anonymized),
        "printed": chatter.getvalue().strip(),
        "pycanon_k": int(pycanon.anonymity.k_anonymity(anonymized, QUASI_IDENTIFIERS))
        if len(anonymized)
        else None,
    }
    if ours_csv:
        ours = read(ours_csv)
        result["pycanon_k_ours"] = int(pycanon.anonymity.k_anonymity(ours, QUASI_IDENTIFIERS))
    if len(anonymized):
        anonymized[["row_id", *QUASI_IDENTIFIERS]].to_csv(out / "anjana_rows.csv", index=False)
    (out / "anjana.json").write_text(json.dumps(result))


if __name__ == "__main__":
    main()
