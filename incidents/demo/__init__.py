"""Synthetic demo incidents (`flask seed-demo`, `make demo`, benchmarks): a deterministic
generator of typed incident values, written through `records.operations`. Word lists and
scenarios are data files in `data/`."""

from incidents.demo.generator import Generator, seed_incidents

__all__ = ["Generator", "seed_incidents"]
