"""Reference data shared by every source: canonical keys (countries, ...) and their dimensions."""
