"""The audit log screen (administrators): business changes and security events."""
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.models.audit import AuditLog
from app.views.base import ExamModelView


class AuditLogView(ExamModelView):
    datamodel = SQLAInterface(AuditLog)
    base_permissions = ["can_list", "can_show"]
    list_title = show_title = _l("Audit log")
    label_columns = {"at": _l("Date"), "username": _l("User"), "action": _l("Event"),
                     "table_name": _l("Record type"), "record_id": _l("Record"),
                     "changes": _l("Changes"), "detail": _l("Detail"), "ip": _l("IP address")}
    list_columns = ["at", "username", "action", "table_name", "record_id", "detail", "ip"]
    show_columns = ["at", "username", "action", "table_name", "record_id", "changes", "detail",
                    "ip"]
    search_columns = ["at", "username", "action", "table_name", "record_id"]
    base_order = ("at", "desc")
