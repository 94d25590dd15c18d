"""Messaging screens: inbox, conversations, new request, account requests."""
