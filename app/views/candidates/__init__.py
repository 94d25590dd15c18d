"""Candidate screens: candidates, registrations, results, imports, public pre-registration."""
