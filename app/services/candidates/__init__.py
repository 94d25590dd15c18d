"""Candidates domain rules: candidates, registrations, xlsx imports, pre-registrations, results."""
