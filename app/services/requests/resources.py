"""The request screens' and API's writes: resources (requests, postponement policies, training
slots and slot requests) and the use-cases of their pages (filing, correction, purchase order,
training bookings), each one transaction."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.models.candidates import Registration
from app.models.messaging import Conversation
from app.models.requests import (
    ExamRequest,
    PostponementPolicy,
    PurchaseOrder,
    RequestKind,
    TrainingBooking,
    TrainingSlot,
    TrainingSlotRequest,
)
from app.models.sessions import ExamSession, SessionExaminer
from app.security.scope import Viewer, can_see
from app.services.errors import DomainError, ValidationFailed
from app.services.parsing import read_integer
from app.services.requests import correction, documents, purchase_orders, training, workflow
from app.services.requests.postponements import check_policy_values
from app.services.resources import Resource
from app.services.uploads import upload_folder
from app.services.writes import require_writable, use_case


class RequestResource(Resource):
    """A filed request stays: it is decided, never deleted. Its conversation is one the viewer
    may see, of the request's own centre."""

    def before_update(self, db: Session, viewer: Viewer, item: ExamRequest, now: datetime):
        check_conversation(db, viewer, item)

    def before_delete(self, db: Session, viewer: Viewer, item: ExamRequest, now: datetime):
        workflow.check_deletable(item)


class PolicyResource(Resource):
    def before_create(self, db: Session, viewer: Viewer, item: PostponementPolicy, now):
        check_policy_values(item)

    def before_update(self, db: Session, viewer: Viewer, item: PostponementPolicy, now):
        check_policy_values(item)


class SlotResource(Resource):
    def before_create(self, db: Session, viewer: Viewer, item: TrainingSlot, now: datetime):
        training.check_slot(item, now)

    def before_update(self, db: Session, viewer: Viewer, item: TrainingSlot, now: datetime):
        training.check_slot(item, now)


class SlotRequestResource(Resource):
    """A centre asks Pedagogy for new slots, saying why (reason required)."""

    def before_create(self, db: Session, viewer: Viewer, item: TrainingSlotRequest, now):
        if item.centre_id is None:
            raise DomainError(_l("Only a centre asks for new training slots."))
        if not (item.reason or "").strip():
            raise ValidationFailed(_l("Say why new training slots are needed."),
                                   {"reason": _l("is required.")})
        item.reason = item.reason.strip()
        item.reference = training.new_reference("CRE")
        item.requested_by_id = viewer.user_id


def check_conversation(db: Session, viewer: Viewer, item: ExamRequest) -> None:
    """Raises ValidationFailed when the request's conversation is outside the viewer's read
    scope or belongs to another centre than the request."""
    conversation = item.conversation
    if conversation is None and item.conversation_id is None:
        return
    conversation_id = conversation.id if conversation is not None else item.conversation_id
    with db.no_autoflush:
        linked = db.get(Conversation, conversation_id)
        visible = linked is not None and can_see(db, Conversation, conversation_id, viewer)
    if not visible or linked.centre_id != item.centre_id:
        raise ValidationFailed(_l("Choose a conversation of the request's centre."),
                               {"conversation": _l("is not one of the centre's conversations.")})


REQUESTS = RequestResource(ExamRequest)
POLICIES = PolicyResource(PostponementPolicy)
TRAINING_SLOTS = SlotResource(TrainingSlot)
SLOT_REQUESTS = SlotRequestResource(TrainingSlotRequest)


@use_case
def file_requests(db: Session, viewer: Viewer, kind: RequestKind, *,
                  registrations: Iterable[Registration], session: ExamSession | None,
                  reason: str, now: datetime, extra_time_percent: int | None = None,
                  component_code: str | None = None,
                  document: tuple[str, bytes] | None = None,
                  conversation_id: int | None = None) -> list[ExamRequest]:
    """One request per registration (or one anomaly for the session), with the same document
    attached to each, each linked to the conversation `conversation_id` when given (one the
    viewer may see, of the request's centre: see check_conversation); all or nothing.
    Raises NotAllowed, DomainError, ValidationFailed."""
    registrations = list(registrations)
    for row in registrations or [session]:
        require_writable(db, viewer, row)
    if registrations:
        created = workflow.file_many(db, kind, registrations, reason=reason,
                                     actor_id=viewer.user_id, now=now,
                                     extra_time_percent=extra_time_percent,
                                     component_code=component_code)
    else:
        created = [workflow.file_request(db, kind, session=session, reason=reason,
                                         actor_id=viewer.user_id, now=now)]
    if conversation_id not in (None, ""):
        for item in created:
            item.conversation_id = read_integer(conversation_id) or -1
            check_conversation(db, viewer, item)
    if document is not None:
        for item in created:
            documents.attach(item, upload_folder(), document[0], document[1], viewer.user_id,
                             now)
    return created


@use_case(writes="session")
def declare_correction(db: Session, viewer: Viewer, session: ExamSession, anomalies: list[dict],
                       now: datetime) -> list[ExamRequest]:
    """"Mise en correction" with the declared anomalies. Raises NotAllowed, DomainError."""
    return correction.put_into_correction(db, session, anomalies, now, viewer.user_id,
                                          viewer.is_body)


@use_case
def attach_document(db: Session, viewer: Viewer, item: ExamRequest, filename: str,
                    data: bytes, now: datetime):
    """A supporting document on a request the viewer may change. Raises DomainError."""
    require_writable(db, viewer, item)
    return documents.attach(item, upload_folder(), filename, data, viewer.user_id, now)


@use_case(writes="session")
def open_purchase_order(db: Session, viewer: Viewer, session: ExamSession) -> PurchaseOrder:
    """The session's purchase order, created unsigned the first time. Raises DomainError."""
    return purchase_orders.order_for(db, session)


@use_case(writes="order")
def sign_purchase_order(db: Session, viewer: Viewer, order: PurchaseOrder, *, signer_name: str,
                        accepted: bool, now: datetime,
                        render: Callable[[PurchaseOrder], bytes]) -> PurchaseOrder:
    """The centre manager signs; the signed quote, rendered by `render`, is frozen as a file.
    Raises NotAllowed, DomainError."""
    purchase_orders.sign(db, order, signer_name=signer_name, accepted=accepted,
                         roles=viewer.roles, actor_id=viewer.user_id, now=now)
    order.document = documents.store_file(upload_folder(), order.filename, render(order))
    return order


@use_case
def book_examiners(db: Session, viewer: Viewer, slot: TrainingSlot,
                   examiners: Iterable[SessionExaminer], now: datetime) -> list[TrainingBooking]:
    """Book each examiner (of the viewer's centre) on the slot; all or nothing."""
    bookings = []
    for examiner in examiners:
        require_writable(db, viewer, examiner)
        bookings.append(training.book(db, slot, examiner, now, viewer.user_id))
    return bookings
