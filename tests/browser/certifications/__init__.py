"""Browser journeys of Certification Le Robert."""
