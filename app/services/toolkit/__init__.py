"""List toolkit rules: columns, filters, preferences, saved views, exports and export jobs."""
