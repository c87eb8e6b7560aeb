"""Validation with Great Expectations: suites live in expectations/, reviewed by hand."""
