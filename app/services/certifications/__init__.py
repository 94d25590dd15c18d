"""Certification Le Robert rules: stock, orders, groups, assignments, activation codes."""
