"""Asset checks: reconciliation and Great Expectations suites, blocking where they guard data."""
