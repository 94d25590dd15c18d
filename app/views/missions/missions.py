"""Mission screens: the centre's missions with their state, convoking staff, zips and extracts."""
from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_appbuilder.urltools import get_filter_args
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import or_, select

from app.documents.files import download
from app.documents.missions import (
    EXTRACT_FORMATS,
    convocations_zip,
    missions_extract,
    service_sheet,
    table_document,
    zip_filename,
)
from app.extensions import db
from app.models.missions.missions import (
    Commission,
    ConvocationOrigin,
    Mission,
    MissionType,
    Quality,
    Remuneration,
)
from app.models.missions.staff import StaffMember
from app.security.context import current_viewer
from app.services.clock import local_today, now
from app.services.errors import DomainError
from app.services.missions import convocations, mission_list, resources
from app.services.missions import staff as staff_service
from app.views.base import ExamModelView
from app.views.missions.common import (
    LABELS,
    MissionYearFilter,
    ScopedDeleteMixin,
    chosen_exams,
    enum_labels,
    year_choices,
    yes_no,
)
from app.views.missions.convocations import ConvocationView
from app.views.missions.service_grid import ServiceGridMixin


def state_label(inputs) -> str:
    state = convocations.compute_mission_state(*inputs[:2], local_today(), *inputs[2:])
    return str(convocations.MISSION_STATES[state])


class QualityView(ExamModelView):
    """The qualities (roles in a mission) kept by the exam managers; Santorin ones flagged."""

    datamodel = SQLAInterface(Quality)
    resource = resources.QUALITIES
    list_title = show_title = add_title = edit_title = _l("Qualities")
    label_columns = {"code": _l("Code"), "label": _l("Label"),
                     "santorin": _l("Santorin (dematerialised marking)")}
    list_columns = add_columns = edit_columns = show_columns = ["code", "label", "santorin"]
    formatters_columns = yes_no("santorin")


class CommissionView(ScopedDeleteMixin, ExamModelView):
    datamodel = SQLAInterface(Commission)
    resource = resources.COMMISSIONS
    list_title = _l("Commissions")
    show_title = add_title = edit_title = _l("Commission")
    label_columns = LABELS | {"code": _l("Code"), "candidates": _l("Number of candidates")}
    list_columns = ["mission", "code", "starts_on", "ends_on", "candidates"]
    add_columns = edit_columns = show_columns = list_columns


class MissionView(ServiceGridMixin, ScopedDeleteMixin, ExamModelView):
    datamodel = SQLAInterface(Mission)
    resource = resources.MISSIONS
    list_title = _l("Missions")
    show_title = _l("Mission")
    add_title = _l("Add a mission")
    edit_title = _l("Edit the mission")
    label_columns = LABELS
    # The seed's columns: N°, session, exam, spécialité, épreuve-option, type, start, Nbr itv.
    list_columns = ["number", "exam_session", "product", "speciality", "component", "type",
                    "starts_on", "staff_count", "state_inputs", "ends_on", "open_to_centre"]
    show_columns = ["number", "exam_session", "product", "speciality", "component", "type",
                    "centre", "starts_on", "ends_on", "commissions", "juries", "rooms",
                    "open_to_centre", "remuneration", "default_observation", "state_inputs"]
    add_columns = edit_columns = [c for c in show_columns
                                  if c not in ("commissions", "state_inputs")]
    search_columns = ["number", "exam_session", "product", "speciality", "component", "type",
                      "starts_on"]
    formatters_columns = {"state_inputs": state_label, **yes_no("open_to_centre"),
                          # no commission: nothing (FAB would show the empty list, "[]")
                          "commissions": lambda rows: ", ".join(str(r) for r in rows),
                          **enum_labels(type=MissionType, remuneration=Remuneration)}
    base_filters = [["id", MissionYearFilter, None]]
    base_order = ("starts_on", "desc")
    related_views = [ConvocationView, CommissionView]
    list_template = "missions/mission_list.html"
    show_template = "missions/mission_show.html"

    def render_template(self, template, **kwargs):
        kwargs.setdefault("years", year_choices(local_today()))
        if template == self.list_template:
            kwargs.setdefault("exams", mission_list.exam_choices(db.session, current_viewer()))
            kwargs.setdefault("chosen_exams", chosen_exams())
        return super().render_template(template, **kwargs)

    def _item(self, pk):
        item = self.datamodel.get(self._deserialize_pk_if_composite(pk), self._base_filters)
        if item is None:
            abort(404)
        return item

    def _managed(self, mission):
        viewer = current_viewer()
        if viewer.is_body:
            return list(mission.convocations)
        return [c for c in mission.convocations if c.origin == ConvocationOrigin.CENTRE
                and c.created_by_centre_id == viewer.centre_id]

    @expose("/extract/<fmt>")
    @has_access
    def extract(self, fmt):
        """Missions of the centre: list or details (?kind=details), CSV or PDF."""
        if fmt not in EXTRACT_FORMATS:
            abort(404)
        filters = self.datamodel.get_filters(self.search_columns)
        get_filter_args(filters)
        _, items = self.datamodel.query(filters.get_joined_filters(self._base_filters),
                                        "starts_on", "desc")
        kind = "details" if request.args.get("kind") == "details" else "list"
        title, header, rows = missions_extract(kind, items,
                                               lambda m: state_label(m.state_inputs))
        data = table_document(fmt, title, header, rows, "ExamDesk", local_today())
        return download(data, f"missions.{fmt}")

    @expose("/download_all/<pk>")
    @has_access
    def download_all(self, pk):
        """Every convocation of the mission the viewer manages, as one streamed zip."""
        mission = self._item(pk)
        today = local_today()
        # The archive is built while it is sent (download keeps the request and its session).
        return download(convocations_zip(db.session, self._managed(mission), today),
                        zip_filename(mission, today))

    @expose("/mail_all/<pk>", methods=["POST"])
    @has_access
    def mail_all(self, pk):
        mission = self._item(pk)
        _sent, refused = resources.mail_convocations(db.session, current_viewer(),
                                                     self._managed(mission), now())
        for reason in refused:
            flash(reason, "danger")
        flash(_("Convocations sent."), "success")
        return redirect(url_for(".show", pk=mission.id))

    @expose("/service_sheet/<pk>")
    @has_access
    def service_sheet(self, pk):
        mission = self._item(pk)
        title, header, rows = service_sheet(mission)
        data = table_document("pdf", title, header, rows, mission.centre.name, local_today())
        return download(data, f"service_{mission.number}.pdf")

    @expose("/convoke/<pk>", methods=["GET", "POST"])
    @has_access
    def convoke(self, pk):
        """Convoke staff (all found pre-selected) with a quality, commission and dates."""
        mission = self._item(pk)
        viewer = current_viewer()
        if request.method == "POST":
            if self._save_convocations(mission, viewer):
                return redirect(url_for(".show", pk=mission.id))
        found = self._search_staff(mission, viewer)
        qualities = db.session.scalars(select(Quality).order_by(Quality.label)).all()
        if mission.type == MissionType.COEC:
            qualities = [q for q in qualities if q.santorin]
        return self.render_template(
            "missions/convoke.html", mission=mission, found=found, qualities=qualities,
            suggestions=staff_service.suggest_staff(db.session, mission, viewer)[:10],
            form=request.form, title=_("Convoke for mission %(number)s",
                                       number=mission.number))

    @staticmethod
    def _search_staff(mission, viewer) -> list[StaffMember]:
        name = request.args.get("name", "").strip()
        discipline = request.args.get("discipline", "").strip()
        query = select(StaffMember).order_by(StaffMember.last_name)
        if len(name) >= 3:  # across the academy, as IMAG'IN's name search
            return db.session.scalars(query.where(or_(
                StaffMember.last_name.ilike(f"%{name}%"),
                StaffMember.first_name.ilike(f"%{name}%"))).limit(30)).all()
        if discipline and viewer.centre_id:
            return db.session.scalars(query.where(
                StaffMember.tenant_clause(viewer),
                StaffMember.post_discipline.ilike(f"%{discipline}%"))).all()
        return []

    @staticmethod
    def _save_convocations(mission, viewer) -> bool:
        form = request.form
        try:
            ids = [int(i) for i in form.getlist("staff") if i.isdigit()]
            staff = db.session.scalars(select(StaffMember).where(StaffMember.id.in_(ids))).all()
            commission = next((c for c in mission.commissions
                               if str(c.id) == form.get("commission")), None)
            quality = db.session.get(Quality, int(form["quality"])) if form.get(
                "quality", "").isdigit() else None
            data = convocations.ConvocationData(
                slots=convocations.parse_slots(form.get("dates", "")), quality=quality,
                commission=commission, jury=form.get("jury") or None,
                room=form.get("room") or None, observation=form.get("observation"),
                save_on_mission=form.get("save_on_mission") == "y")
            made = resources.convoke_staff(db.session, viewer, mission, list(staff), data)
        except DomainError as exc:
            flash(str(exc), "danger")
            return False
        flash(_("%(count)s person(s) convoked.", count=len(made)), "success")
        return True
