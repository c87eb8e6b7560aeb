"""The text layer under every document parser (see pipelines/ingest/pdf.py for the map)."""
