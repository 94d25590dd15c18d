"""A real SMTP server on a free loopback port (aiosmtpd) and the app's Flask-Mail pointed at it."""
from __future__ import annotations

import email
import socket
from contextlib import contextmanager
from email import policy

from aiosmtpd.controller import Controller


class Inbox:
    """aiosmtpd handler: keeps every message received, parsed by the email package."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))
        return "250 OK"

    def to(self, address: str) -> list:
        return [m for rcpt, m in self.messages if address in rcpt]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller.hostname, controller.port, inbox
    finally:
        controller.stop()


@contextmanager
def mail_through(app, host: str, port: int):
    """Configure the application's Flask-Mail to send to host:port, then restore it."""
    from app.extensions import mail

    keys = ("MAIL_SERVER", "MAIL_PORT", "MAIL_SUPPRESS_SEND", "MAIL_USE_TLS", "MAIL_USE_SSL")
    saved = {k: app.config.get(k) for k in keys}
    app.config.update(MAIL_SERVER=host, MAIL_PORT=port, MAIL_SUPPRESS_SEND=False,
                      MAIL_USE_TLS=False, MAIL_USE_SSL=False)
    mail.init_app(app)
    try:
        yield
    finally:
        app.config.update(saved)
        mail.init_app(app)


def attachments(message) -> dict[str, bytes]:
    return {part.get_filename(): part.get_payload(decode=True)
            for part in message.iter_attachments()}
