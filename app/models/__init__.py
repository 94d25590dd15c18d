"""All ExamDesk models, imported here so that one metadata holds FAB's tables and ours."""
from app.models.accounts import OutboxEmail, PasswordToken  # noqa: F401
from app.models.allowances import Allowance, AllowanceRate, AllowanceShare  # noqa: F401, I001
from app.models.audit import AuditLog  # noqa: F401
from app.models.candidates import Candidate, Registration, RegistrationComponent  # noqa: F401,I001
from app.models.certs import (  # noqa: F401
    CandidateGroup,
    CertificationAssignment,
    CertificationOrder,
    CertificationType,
    OrderLine,
    PartnerExamCentre,
    StockCounter,
    StockEntry,
)
from app.models.chat import (  # noqa: F401
    ChatAttachment,
    ChatNotification,
    Conversation,
    Message,
    ReadReceipt,
)
from app.models.guides import Guide  # noqa: F401
from app.models.missions import Convocation, Mission, ServiceDone  # noqa: F401, I001
from app.models.preferences import ExportJob, ListPreference, SavedListView  # noqa: F401
from app.models.preregistration import ContactRequest, PreRegistration  # noqa: F401,I001
from app.models.reference import (  # noqa: F401
    Agreement,
    Centre,
    PriceList,
    Product,
    TestComponent,
)
from app.models.requests import ExamRequest, PurchaseOrder, RequestEvent  # noqa: F401
from app.models.sessions import (  # noqa: F401
    ExamSession,
    GenericDocument,
    SessionExaminer,
    SessionPrice,
)
from app.models.settings import UserSetting  # noqa: F401
from app.models.staffing import Competence, StaffMember, Teaching, Unavailability  # noqa: F401, I001
from app.models.training import TrainingBooking, TrainingSlot  # noqa: F401
from app.models.users import ExamUser, user_centre  # noqa: F401
