"""Demo guides of the account area (the documents themselves are small generated PDFs)."""
from __future__ import annotations

from flask import current_app
from markupsafe import escape
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.documents.pdf import html_to_pdf
from app.models.centres import Guide, GuideCategory
from app.services.uploads import store_document

GUIDES = [
    ("Guide administrateur", GuideCategory.ADMINISTRATOR),
    ("Guide du surveillant", GuideCategory.INVIGILATOR),
    ("Feuille de brouillon", GuideCategory.SCRATCH_SHEET),
    ("Document de surveillance", GuideCategory.SUPERVISION),
]


def _pdf(title: str) -> bytes:
    return html_to_pdf(f"<h1>{escape(title)}</h1><p>Certification Le Robert</p>")


def load(session: Session) -> None:
    for position, (title, category) in enumerate(GUIDES, start=1):
        if session.scalar(select(Guide.id).where(Guide.title == title)) is not None:
            continue
        stored = store_document(current_app.config["UPLOAD_FOLDER"], f"{category.value}.pdf",
                                _pdf(title))
        session.add(Guide(title=title, category=category, document=stored, position=position))
