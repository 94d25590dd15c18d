"""Centres domain rules: centre settings, agreements and contracts, accounts and passwords."""
