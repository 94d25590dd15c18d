"""Demo guides of the account area (the documents themselves are small generated PDFs)."""
from __future__ import annotations

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.models.centres import Guide, GuideCategory
from app.services.uploads import store_document

GUIDES = [
    ("Guide administrateur", GuideCategory.ADMINISTRATOR),
    ("Guide du surveillant", GuideCategory.INVIGILATOR),
    ("Feuille de brouillon", GuideCategory.SCRATCH_SHEET),
    ("Document de surveillance", GuideCategory.SUPERVISION),
]


def _pdf(title: str) -> bytes:
    from io import BytesIO

    from xhtml2pdf import pisa

    out = BytesIO()
    pisa.CreatePDF(f"<h1>{title}</h1><p>Certification Le Robert</p>", dest=out)
    return out.getvalue()


def load(session: Session) -> None:
    for position, (title, category) in enumerate(GUIDES, start=1):
        if session.scalar(select(Guide.id).where(Guide.title == title)) is not None:
            continue
        stored = store_document(current_app.config["UPLOAD_FOLDER"], f"{category.value}.pdf",
                                _pdf(title))
        session.add(Guide(title=title, category=category, document=stored, position=position))
