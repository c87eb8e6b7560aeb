"""Ingestion: one pure parser per source family, `file -> (rows, rejects)`, with provenance."""
