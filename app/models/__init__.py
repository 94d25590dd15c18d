"""All ExamDesk models, imported here so that one metadata holds FAB's tables and ours."""
from app.models.accounts import OutboxEmail, PasswordToken  # noqa: F401
from app.models.audit import AuditLog  # noqa: F401
from app.models.candidates import Candidate, Registration, RegistrationComponent  # noqa: F401,I001
from app.models.reference import (  # noqa: F401
    Agreement,
    Centre,
    PriceList,
    Product,
    TestComponent,
)
from app.models.requests import ExamRequest, PurchaseOrder, RequestEvent  # noqa: F401
from app.models.sessions import ExamSession, SessionExaminer, SessionPrice  # noqa: F401
from app.models.training import TrainingBooking, TrainingSlot  # noqa: F401
from app.models.users import ExamUser, user_centre  # noqa: F401
