"""List preferences and saved views: who may see and change them, stored per user and list."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qsl, urlencode

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, literal_column, or_, select
from sqlalchemy.orm import Session

from app.models.toolkit import (
    DENSITIES,
    SHARE_CENTRE,
    SHARE_PRIVATE,
    SHARE_STAFF,
    SHARES,
    ExportJob,
    ListPreference,
    SavedListView,
)
from app.security.scope import Viewer
from app.services.errors import NotAllowed, ValidationFailed
from app.services.toolkit import export_jobs
from app.services.writes import use_case

SAVED_ARG_PREFIXES = ("_flt_", "_oc_", "_od_", "psize_")
SAVED_ARGS = ("q", "_cols")


def get_preference(session: Session, user_id: int, view_name: str) -> ListPreference | None:
    return session.scalar(select(ListPreference).where(
        ListPreference.user_id == user_id, ListPreference.view_name == view_name))


@use_case
def save_preference(session: Session, user_id: int, view_name: str, columns: list[str] | None,
                    density: str | None) -> ListPreference:
    """Store the chosen columns (already validated by the view) and/or the density."""
    if density is not None and density not in DENSITIES:
        raise ValidationFailed(_l("The preferences were not saved."),
                               {"density": _l("is not a known density.")})
    pref = get_preference(session, user_id, view_name)
    if pref is None:
        pref = ListPreference(user_id=user_id, view_name=view_name, density="normal")
        session.add(pref)
    if columns is not None:
        pref.columns = ",".join(columns) or None
    if density is not None:
        pref.density = density
    return pref


def clean_query(query: str) -> str:
    """Only the list's own arguments (filters, order, page size, keyword, columns) are kept."""
    kept = [(k, v) for k, v in parse_qsl(query or "", keep_blank_values=False)
            if k in SAVED_ARGS or k.startswith(SAVED_ARG_PREFIXES)]
    return urlencode(kept)


def visible_clause(viewer: Viewer):
    clauses = [SavedListView.owner_id == viewer.user_id]
    if viewer.centre_id is not None:
        clauses.append(and_(SavedListView.share == SHARE_CENTRE,
                            SavedListView.centre_id == viewer.centre_id))
    if viewer.is_body:
        clauses.append(SavedListView.share == SHARE_STAFF)
    return or_(*clauses)


@dataclass(frozen=True)
class ListContext:
    """What a list page shows of its user: their columns and density, the saved views they
    may open, their finished exports of the list."""

    preference: ListPreference | None = None
    saved_views: tuple[SavedListView, ...] = ()
    ready_jobs: tuple[ExportJob, ...] = ()


def list_context(session: Session, viewer: Viewer, view_name: str) -> ListContext:
    """The viewer's preference for the list, the saved views they may see (by name) and their
    last finished exports of it (newest first), in one statement: a one-row anchor
    outer-joined to the three, so a list page costs no more statements than FAB's own. The
    rows are the saved views × the ready exports (at most export_jobs.READY_SHOWN)."""
    if viewer.user_id is None:
        return ListContext()
    anchor = select(literal_column("1").label("one")).subquery("anchor")
    ready = export_jobs.ready_ids(viewer.user_id, view_name)
    rows = session.execute(
        select(ListPreference, SavedListView, ExportJob).select_from(anchor)
        .outerjoin(ListPreference, and_(ListPreference.user_id == viewer.user_id,
                                        ListPreference.view_name == view_name))
        .outerjoin(SavedListView, and_(SavedListView.view_name == view_name,
                                       visible_clause(viewer)))
        .outerjoin(ExportJob, ExportJob.id.in_(ready))
        .order_by(SavedListView.name, SavedListView.id, ExportJob.created_at.desc()))
    preference, views, jobs = None, {}, {}
    for pref, saved, job in rows:
        preference = preference or pref
        if saved is not None:
            views.setdefault(saved.id, saved)
        if job is not None:
            jobs.setdefault(job.id, job)
    return ListContext(preference, tuple(views.values()), tuple(jobs.values()))


def get_visible(session: Session, viewer: Viewer, view_name: str, saved_id: int):
    return session.scalar(select(SavedListView).where(
        SavedListView.id == saved_id, SavedListView.view_name == view_name,
        visible_clause(viewer)))


@use_case
def save_view(session: Session, viewer: Viewer, view_name: str, name: str, query: str,
              share: str) -> SavedListView:
    name = (name or "").strip()
    errors = {}
    if not name or len(name) > 100:
        errors["name"] = _l("must have between 1 and 100 characters.")
    if share not in SHARES:
        errors["share"] = _l("is not a known sharing choice.")
    if errors:
        raise ValidationFailed(_l("The view was not saved."), errors,
                               {"name": _l("Name"), "share": _l("Sharing")})
    centre_id = None
    if share == SHARE_STAFF and not viewer.is_body:
        raise NotAllowed(_l("Only body staff may share a view with all staff."))
    if share == SHARE_CENTRE:
        if viewer.centre_id is None:
            raise NotAllowed(_l("You have no active centre to share this view with."))
        centre_id = viewer.centre_id
    saved = SavedListView(owner_id=viewer.user_id, view_name=view_name, name=name,
                          query=clean_query(query), share=share or SHARE_PRIVATE,
                          centre_id=centre_id)
    session.add(saved)
    return saved


@use_case
def delete_view(session: Session, viewer: Viewer, view_name: str, saved_id: int) -> None:
    saved = get_visible(session, viewer, view_name, saved_id)
    if saved is None or saved.owner_id != viewer.user_id:
        raise NotAllowed(_l("Only the author of a saved view may delete it."))
    session.delete(saved)
