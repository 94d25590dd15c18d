"""All ExamDesk models, imported here so that one metadata holds FAB's tables and ours."""
from app.models.accounts import OutboxEmail, PasswordToken  # noqa: F401
from app.models.audit import AuditLog  # noqa: F401
from app.models.chat import (  # noqa: F401
    ChatAttachment,
    ChatNotification,
    Conversation,
    Message,
    ReadReceipt,
)
from app.models.reference import (  # noqa: F401
    Agreement,
    Centre,
    PriceList,
    Product,
    TestComponent,
)
from app.models.users import ExamUser, user_centre  # noqa: F401
