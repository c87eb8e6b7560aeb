"""The annual overview report for report authors."""
