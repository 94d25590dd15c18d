"""What each role's home page shows, computed from the viewer's scope."""
from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.models.centres import Agreement, AgreementStatus, Centre
from app.models.reference import PriceList, Product
from app.security.scope import Viewer, scope_query, scoped_counts
from app.services.centres.agreement_renewals import reminders_for
from app.services.centres.agreements import decided_for
from app.services.certifications.dashboard import certification_summary
from app.services.clock import local_today
from app.services.requests.notices import informations, to_process_by_kind
from app.services.sessions.dashboard import sessions_panel


def dashboard_for(session: Session, viewer: Viewer) -> dict:
    centres = scope_query(session.query(Centre), Centre, viewer).order_by(Centre.name).limit(10)
    panels = sessions_panel(session, viewer, local_today())
    return {
        **panels,
        "informations": informations(session, viewer),  # decisions on the centre's requests
        "agreement_decisions": decided_for(session, viewer),
        "agreement_renewals": reminders_for(session, viewer),
        "requests_to_process": to_process_by_kind(session, viewer),
        "centres": list(centres),
        "counts": {
            "products": session.scalar(select(func.count(Product.id)).where(Product.active)) or 0,
            **scoped_counts(session, viewer, {
                "centres": (Centre,),
                "prices": (PriceList,),
                "agreements_pending": (Agreement, Agreement.status == AgreementStatus.SUBMITTED),
                "renewals": (Agreement, Agreement.renewal_requested_at.is_not(None))}),
        },
        "certs": certification_summary(session, viewer),
    }
