"""Certification Le Robert screens: orders, stock, groups, assignments, activation codes."""
