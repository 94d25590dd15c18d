"""Candidate groups: create, associate candidates from a searchable list, the group's candidates."""
from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_appbuilder import expose
from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_appbuilder.security.decorators import has_access
from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.extensions import db
from app.models.candidates import Candidate
from app.models.certifications import CandidateGroup, GroupCategory
from app.security.context import current_viewer
from app.security.scope import scope_query
from app.services.certifications import groups, resources
from app.services.errors import DomainError
from app.views.base import ExamModelView
from app.views.toolkit.scoped import ScopedRowMixin

LABELS = {"name": _l("Group name"), "category": _l("Group category"), "centre": _l("Centre"),
          "size": _l("Candidates"), "candidates": _l("Candidates"),
          "last_name": _l("Last name"), "first_name": _l("First name"), "email": _l("E-mail"),
          "birth_date": _l("Birth date"), "groups": _l("Groups")}
READ_ONLY_ROUTES = {"download", "add", "edit", "delete"}


def labelled(enum_class):
    """A formatter showing an enum by its translated label (FAB's lists pass the raw value)."""
    def format_value(value) -> str:
        if value is None or value == "":
            return ""
        member = value if isinstance(value, enum_class) else enum_class(value)
        return str(member.label)
    return format_value


def short_date(value) -> str:
    return format_date(value, format="short") if value else ""


def scoped_candidates(ids) -> list[Candidate]:
    """The candidates among `ids` that the viewer may see (foreign ids are ignored)."""
    wanted = [int(i) for i in ids if str(i).isdigit()]
    if not wanted:
        return []
    query = db.session.query(Candidate).filter(Candidate.id.in_(wanted))
    return scope_query(query, Candidate, current_viewer()).all()


def group_filter_options(centre_id):
    query = db.session.query(CandidateGroup).filter(CandidateGroup.centre_id == centre_id)
    return scope_query(query, CandidateGroup, current_viewer()).order_by(
        CandidateGroup.name).all()


def search_from_args(centre_id: int) -> tuple[dict, list[Candidate], dict]:
    """The candidate search of the association and assignment pages (name/e-mail, status,
    group), with each candidate's current certification."""
    args = {"q": request.args.get("q", "").strip(), "status": request.args.get("status", ""),
            "group": request.args.get("group", "")}
    group_id = int(args["group"]) if args["group"].isdigit() else None
    found = groups.search_candidates(db.session, centre_id, text=args["q"],
                                     status=args["status"], group_id=group_id)
    return args, found, groups.latest_assignments(db.session, [c.id for c in found])


class CandidateGroupView(ScopedRowMixin, ExamModelView):
    datamodel = SQLAInterface(CandidateGroup)
    resource = resources.GROUPS
    list_title = _l("Groups")
    show_title = _l("Group")
    add_title = _l("Create a group")
    edit_title = _l("Edit the group")
    show_template = "certifications/group_show.html"
    label_columns = LABELS
    list_columns = ["name", "category", "size", "centre"]
    add_columns = edit_columns = ["name", "category"]
    show_columns = ["name", "category", "centre", "size"]
    search_columns = ["name", "category", "centre"]
    base_order = ("name", "asc")
    formatters_columns = {"category": labelled(GroupCategory)}
    description_columns = {"category": _l(
        "Client: candidates from the same client. Class: the same class. Exam session: grouped "
        "by exam session whatever their origin. Other: none of these.")}

    @expose("/show/<pk>", methods=["GET"])
    @has_access
    def show(self, pk):
        g.cert_group = self._scoped(pk)  # the members table of certifications/group_show.html
        return super().show(pk)

    @expose("/associate/<pk>", methods=["GET", "POST"])
    @has_access
    def associate(self, pk):
        """"Associer des candidats": search, filter, tick, add (a candidate may be in several)."""
        group = self._scoped(pk)
        if request.method == "POST":
            chosen = scoped_candidates(request.form.getlist("candidate"))
            try:
                added = resources.add_group_members(db.session, current_viewer(), group, chosen)
            except DomainError as exc:
                flash(str(exc), "danger")
            else:
                flash(_("%(count)s candidate(s) added to the group.", count=added), "success")
            return redirect(url_for(".show", pk=group.id))
        args, found, latest = search_from_args(group.centre_id)
        return self.render_template(
            "certifications/group_associate.html", group=group, args=args, found=found,
            latest=latest, statuses=groups.CERT_STATUSES,
            group_options=group_filter_options(group.centre_id),
            members={c.id for c in group.candidates})

    @expose("/remove/<pk>", methods=["POST"])
    @has_access
    def remove(self, pk):
        group = self._scoped(pk)
        ids = [int(i) for i in request.form.getlist("candidate") if i.isdigit()]
        try:
            removed = resources.remove_group_members(db.session, current_viewer(), group, ids)
        except DomainError as exc:
            flash(str(exc), "danger")
        else:
            flash(_("%(count)s candidate(s) removed from the group.", count=removed), "success")
        return redirect(url_for(".show", pk=group.id))


class GroupCandidatesView(ExamModelView):
    """The candidates of a group (filter "Groups"), with the whole list toolkit."""

    route_base = "/groupcandidates"
    datamodel = SQLAInterface(Candidate)
    list_title = _l("Candidates of the group")
    show_title = _l("Candidate")
    label_columns = LABELS
    list_columns = ["last_name", "first_name", "birth_date", "email", "groups"]
    show_columns = list_columns
    search_columns = ["groups", "last_name", "first_name", "email"]
    base_order = ("last_name", "asc")
    exclude_route_methods = READ_ONLY_ROUTES
    formatters_columns = {"groups": lambda value: ", ".join(str(g) for g in value or []),
                          "birth_date": short_date}
