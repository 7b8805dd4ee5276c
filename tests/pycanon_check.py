"""Run in its own virtual environment (pycanon pins versions the application cannot use):
prints the k (and l) that pyCANON computes for an exported CSV."""

import json
import sys

import pandas as pd
from pycanon import anonymity

QUASI_IDENTIFIERS = ["period", "age_band", "region", "nationality_region", "agency_level"]

data = pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False).reset_index(drop=True)
data = data.replace("", "blank").fillna("blank")
result = {"k": int(anonymity.k_anonymity(data, QUASI_IDENTIFIERS))}
if len(sys.argv) > 2:
    result["l"] = int(anonymity.l_diversity(data, QUASI_IDENTIFIERS, [sys.argv[2]]))
print(json.dumps(result))
