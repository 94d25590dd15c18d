"""Centre screens: centres, agreements, centre settings, the account area."""
