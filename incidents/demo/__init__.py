"""Synthetic demo incidents (`flask seed-demo`, `make demo`, benchmarks): a deterministic
generator of typed incident values, written through `records.bulk` (`demo.seeding`). Word lists
and scenarios are data files in `data/`."""

from incidents.demo.generator import Generator
from incidents.demo.seeding import seed_incidents

__all__ = ["Generator", "seed_incidents"]
