"""Assigning certifications (supervised or in a partner exam centre), codes and their downloads."""
from __future__ import annotations

from datetime import date

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.actions import action
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.documents import certifications as code_docs
from app.documents.files import download
from app.extensions import db
from app.models.centres import Centre
from app.models.certifications import (
    AssignmentStatus,
    CandidateGroup,
    CertificationAssignment,
    CertificationType,
    PartnerExamCentre,
)
from app.security.context import current_viewer
from app.security.scope import owning_centre_id, scope_query
from app.services import parsing
from app.services.certifications import activation_codes as codes
from app.services.certifications import assignments as assign
from app.services.certifications import groups, resources
from app.services.clock import local_today, now
from app.services.errors import DomainError, ValidationFailed
from app.services.sessions.documents import printed_at
from app.views.base import ExamModelView
from app.views.certifications.groups import (
    READ_ONLY_ROUTES,
    group_filter_options,
    labelled,
    scoped_candidates,
    search_from_args,
    short_date,
)
from app.views.toolkit.scoped import ScopedRowMixin

LABELS = {"candidate": _l("Candidate"), "type": _l("Certification"),
          "planned_date": _l("Planned date"), "status": _l("Status"), "centre": _l("Centre"),
          "partner_centre": _l("Partner exam centre"), "exam_time": _l("Time"),
          "convoked_at": _l("Convocation sent on"), "activation_code": _l("Activation code")}


def _typed_date(raw: str | None) -> date | None:
    """The planned date as typed (16/03/2027 in French, ISO from scripts); None if empty."""
    try:
        return parsing.parse_date(raw)
    except parsing.ParseError as exc:
        raise ValidationFailed(_l("The certifications cannot be assigned:"),
                               {"planned_date": exc.message},
                               {"planned_date": _l("Planned date")}) from None


def _typed_time(raw: str | None) -> str | None:
    """14:30, 14h30 or 14 typed: HH:MM for the service, which refuses what cannot be read."""
    try:
        moment = parsing.parse_time(raw)
    except parsing.ParseError:
        return raw
    return moment.strftime("%H:%M") if moment else raw


class CertificationAssignmentView(ScopedRowMixin, ExamModelView):
    datamodel = SQLAInterface(CertificationAssignment)
    list_title = _l("Certifications assigned")
    show_title = _l("Certification assigned")
    label_columns = LABELS
    list_columns = ["candidate", "type", "planned_date", "status", "partner_centre",
                    "exam_time", "activation_code"]
    show_columns = ["candidate", "centre", "type", "planned_date", "status", "partner_centre",
                    "exam_time", "convoked_at", "activation_code"]
    search_columns = ["candidate", "type", "planned_date", "status", "partner_centre"]
    base_order = ("planned_date", "desc")
    list_template = "certifications/assignment_list.html"  # + the codes' PDF and xlsx
    exclude_route_methods = READ_ONLY_ROUTES
    formatters_columns = {
        "status": labelled(AssignmentStatus), "planned_date": short_date, "convoked_at": short_date,
        "partner_centre": lambda v: str(v) if v else "", "exam_time": lambda v: v or "",
        "activation_code": lambda v: v or "",
    }

    def _centre_id(self) -> int:
        centre_id = owning_centre_id(current_viewer())
        if centre_id is None:
            flash(_("Only a centre assigns its certifications."), "warning")
        return centre_id

    def _chosen_candidates(self) -> list:
        ids = request.form.getlist("candidate")
        group_id = request.form.get("whole_group", "")
        if group_id.isdigit():
            query = db.session.query(CandidateGroup).filter(CandidateGroup.id == int(group_id))
            group = scope_query(query, CandidateGroup, current_viewer()).first()
            ids += [str(c.id) for c in group.candidates] if group else []
        return scoped_candidates(dict.fromkeys(ids))

    def _page(self, mode: str, centre_id: int, form: dict):
        supervised = mode == "assign"
        types = list(db.session.scalars(select(CertificationType).where(
            CertificationType.active, CertificationType.centre_supervised == supervised)
            .order_by(CertificationType.reference)))
        partners = list(db.session.scalars(select(PartnerExamCentre).where(
            PartnerExamCentre.active).order_by(PartnerExamCentre.name)))
        args, found, latest = search_from_args(centre_id)
        return self.render_template(
            "certifications/assign.html", mode=mode, types=types, partners=partners, args=args,
            found=found, latest=latest, statuses=groups.CERT_STATUSES, form=form,
            chosen=set(request.form.getlist("candidate")), date_hint=parsing.date_hint(),
            group_options=group_filter_options(centre_id), keep_args={})

    @expose("/assign", methods=["GET", "POST"])
    @has_access
    def assign(self):
        """Certifications the centre supervises: type, planned date, candidates or a group."""
        return self._assign_or_plan("assign")

    @expose("/plan", methods=["GET", "POST"])
    @has_access
    def plan(self):
        """Partner exam centres (La Poste): centre, date and time; each candidate is convened."""
        return self._assign_or_plan("plan")

    def _assign_or_plan(self, mode: str):
        centre_id = self._centre_id()
        if centre_id is None:
            return redirect(url_for(".list"))
        if request.method == "GET":
            return self._page(mode, centre_id,
                              {"whole_group": request.args.get("whole_group", "")})
        form = request.form
        ctype = db.session.get(CertificationType, int(form.get("type_id") or 0) or -1)
        today = local_today()
        try:
            if ctype is None:
                raise DomainError(_l("Choose the type of certification."))
            chosen = self._chosen_candidates()
            planned = _typed_date(form.get("planned_date"))
            if mode == "assign":
                rows = resources.assign_certifications(db.session, current_viewer(), ctype,
                                                       planned, chosen, today)
            else:
                partner = db.session.get(PartnerExamCentre,
                                         int(form.get("partner_id") or 0) or -1)
                rows = resources.plan_certifications(db.session, current_viewer(), ctype,
                                                     partner, planned,
                                                     _typed_time(form.get("exam_time")),
                                                     chosen, now())
        except DomainError as exc:
            flash(str(exc), "danger")
            return self._page(mode, centre_id, form), 400
        flash(_("%(count)s certification(s) assigned.", count=len(rows)), "success")
        return redirect(url_for(".list"))

    @action("generate_codes", _l("Generate the activation codes"),
            _l("Generate an activation code for each selected certification?"), "fa-key")
    def generate_codes(self, items):
        return self.run_per_row(items, lambda row: codes.generate_codes(db.session, [row]),
                                _("%(count)s activation code(s) generated."))

    @action("cancel", _l("Cancel (back to the stock)"),
            _l("Cancel the selected certifications? They return to the stock."), "fa-undo")
    def cancel(self, items):
        return self.run_per_row(items, lambda row: assign.cancel_assignment(db.session, row))

    @action("mark_passed", _l("Mark as passed"), _l("Mark the selected certifications as "
                                                     "passed?"), "fa-check")
    def mark_passed(self, items):
        return self.run_per_row(items, assign.mark_passed)


    @expose("/codes/<fmt>")
    @has_access
    def codes(self, fmt):
        """The centre's activation codes: a PDF sheet or an xlsx list."""
        if fmt not in ("pdf", "xlsx"):
            abort(404)
        viewer = current_viewer()
        centre_ids = None if viewer.is_body else [viewer.centre_id or 0]
        rows = codes.coded_assignments(db.session, centre_ids)
        centre = db.session.get(Centre, viewer.centre_id) if centre_ids else None
        if fmt == "xlsx":
            return download(code_docs.render_codes_xlsx(rows), "activation_codes.xlsx")
        name = centre.name if centre else _("All centres")
        printed = printed_at(now(), centre.timezone if centre else "Europe/Paris")
        return download(code_docs.render_codes_pdf(rows, name, printed), "activation_codes.pdf")
