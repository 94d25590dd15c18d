"""The TEF portal's abbreviations and colour codes of requests (⅓T, D, Rep…), as list badges."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from markupsafe import Markup, escape

from app.models.requests import ExamRequest, RequestKind, RequestStatus, extra_time_label

# Orange while being processed, green when accepted, red when refused (TEF portal colour
# codes, docs/domain.md).
COLOURS = {RequestStatus.PENDING: "warning", RequestStatus.IN_PROGRESS: "warning",
           RequestStatus.ACCEPTED: "success", RequestStatus.REFUSED: "danger"}
ABBREVIATIONS = {RequestKind.EXEMPTION: "D", RequestKind.POSTPONEMENT: "Rep",
                 RequestKind.FRAUD: "F", RequestKind.APPEAL: "Rec", RequestKind.ANOMALY: "A"}


def abbreviation(item: ExamRequest) -> str:
    if item.kind == RequestKind.ACCOMMODATION:
        return extra_time_label(item.extra_time_percent or 0) or "T"
    if item.kind == RequestKind.EXEMPTION and item.component is not None:
        return f"D-{item.component.code}"
    return ABBREVIATIONS.get(item.kind, "?")


def badge(item: ExamRequest) -> Markup:
    title = _l("%(kind)s: %(status)s", kind=item.kind.label, status=item.status.label)
    return Markup('<span class="label label-{} examdesk-request-code" title="{}">{}</span>').format(
        COLOURS[item.status], escape(str(title)), abbreviation(item))


def request_badges(items) -> Markup:
    """The list formatter of Registration.request_codes."""
    shown = [r for r in (items or []) if r.kind != RequestKind.ANOMALY]
    return Markup(" ").join(badge(r) for r in shown) if shown else Markup("")


def status_badge(status: RequestStatus) -> Markup:
    """The list formatter of the status column (its colour code)."""
    if status is None:
        return Markup("")
    if not isinstance(status, RequestStatus):  # FAB hands enum cells over as their name
        status = RequestStatus[status] if status in RequestStatus.__members__ \
            else RequestStatus(status)
    return Markup('<span class="label label-{}">{}</span>').format(
        COLOURS[status], escape(str(status.label)))
