"""tc-warehouse: the Dagster code location behind the 18/18 technical-cooperation reporting cycle."""
