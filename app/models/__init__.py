"""All ExamDesk models, imported here so that one metadata holds FAB's tables and ours."""
# ruff: noqa: F401
from app.models.audit import AuditLog
from app.models.candidates import (
    Attestation,
    Candidate,
    ContactRequest,
    PreRegistration,
    Registration,
    RegistrationComponent,
)
from app.models.centres import (
    Agreement,
    AgreementAttachment,
    Centre,
    ExamUser,
    Guide,
    PasswordToken,
    UserSetting,
    user_centre,
)
from app.models.certifications import (
    CandidateGroup,
    CertificationAssignment,
    CertificationOrder,
    CertificationType,
    OrderLine,
    PartnerExamCentre,
    StockCounter,
    StockEntry,
)
from app.models.mail import OutboxAttachment, OutboxEmail
from app.models.messaging import (
    ChatAttachment,
    ChatNotification,
    Conversation,
    Message,
    ReadReceipt,
)
from app.models.missions.allowances import Allowance, AllowanceRate, AllowanceShare
from app.models.missions.missions import Convocation, Mission, ServiceDone
from app.models.missions.staff import Competence, StaffMember, Teaching, Unavailability
from app.models.reference import PriceList, Product, Speciality, TestComponent
from app.models.requests import (
    ExamRequest,
    PurchaseOrder,
    RequestEvent,
    TrainingBooking,
    TrainingSlot,
)
from app.models.sessions import (
    ExamSession,
    GenericDocument,
    NoticeKind,
    SessionExaminer,
    SessionNotice,
    SessionPrice,
)
from app.models.toolkit import ExportJob, ListPreference, SavedListView
