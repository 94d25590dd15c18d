"""Messaging rules: conversations, messages, attachments, inbox, account requests, notices."""
