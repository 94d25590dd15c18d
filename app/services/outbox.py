"""The outbox screen's use cases: Support and administrators read every e-mail sent, open the
documents it carried and send it again."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.models.mail import OutboxAttachment, OutboxEmail
from app.security.roles import ADMIN, SUPPORT
from app.security.scope import Viewer
from app.services.errors import NotAllowed, NotFound
from app.services.mail import copy_for_resend, deliver
from app.services.writes import use_case

READERS = frozenset({ADMIN, SUPPORT})


def check_reader(viewer: Viewer) -> None:
    """Raises NotAllowed unless the viewer is Support or an administrator."""
    if not viewer.roles & READERS:
        raise NotAllowed(_l("Only Support and the administrators see the e-mails sent."))


def attachment_of(db: Session, viewer: Viewer, email_id: int,
                  attachment_id: int) -> OutboxAttachment:
    """One document of a stored e-mail. Raises NotAllowed, NotFound."""
    check_reader(viewer)
    item = db.get(OutboxAttachment, attachment_id)
    if item is None or item.email_id != email_id:
        raise NotFound(_l("This record does not exist or is not within your reach."))
    return item


@use_case
def resend_email(db: Session, viewer: Viewer, email: OutboxEmail) -> OutboxEmail:
    """"Renvoyer": the same message and documents, stored again as a new outbox row (the
    history keeps both) and sent over SMTP when it is configured. Raises NotAllowed."""
    check_reader(viewer)
    copy = copy_for_resend(email)
    db.add(copy)
    deliver(copy)
    db.flush()
    return copy
