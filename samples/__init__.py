"""Deterministic generators of the synthetic sample sources shipped under `sources/`.

Every generator is a pure function of its seed and the reference seeds in
`dbt_project/seeds/reference/`: the same seed writes byte-identical files, and a manifest next to
the files records what was written, the defects planted on purpose and the ground truth that the
warehouse must reproduce from them. Nothing generated here describes a real request or person.
"""
