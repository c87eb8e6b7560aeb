"""Dagster assets, one module per source family or layer."""
