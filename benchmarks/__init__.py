"""Benchmarks (`make bench`): wall time and peak memory, never asserted in tests."""
