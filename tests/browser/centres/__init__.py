"""Browser journeys of the centres domain (account area)."""
