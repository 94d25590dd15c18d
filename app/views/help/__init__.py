"""Contextual help: one page per screen, in French and English, and the site map."""
