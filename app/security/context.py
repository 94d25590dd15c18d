"""The current viewer of a request, socket event or API call, built from g.user and the session."""
from __future__ import annotations

from flask import g, has_request_context, request, session

from app.security.scope import ANONYMOUS, Viewer

ACTIVE_CENTRE_KEY = "active_centre_id"
CENTRE_HEADER = "X-ExamDesk-Centre"


def viewer_for(user, requested_centre_id: int | None = None) -> Viewer:
    if user is None or not getattr(user, "is_authenticated", False):
        return ANONYMOUS
    centre_ids = tuple(user.centre_ids)
    active = requested_centre_id if requested_centre_id in centre_ids else None
    if active is None and centre_ids:
        active = centre_ids[0]
    return Viewer(
        user_id=user.id,
        roles=frozenset(user.role_names),
        centre_id=active,
        centre_ids=centre_ids,
    )


def current_viewer() -> Viewer:
    """The viewer of this request, computed once per request."""
    cached = g.get("_examdesk_viewer")
    if cached is not None:
        return cached
    user = g.get("user")
    requested = None
    if has_request_context():
        requested = session.get(ACTIVE_CENTRE_KEY)
        header = request.headers.get(CENTRE_HEADER)
        if header and header.isdigit():
            requested = int(header)
    viewer = viewer_for(user, requested)
    if viewer.user_id is not None:
        g._examdesk_viewer = viewer
    return viewer


def reset_viewer() -> None:
    g.pop("_examdesk_viewer", None)
