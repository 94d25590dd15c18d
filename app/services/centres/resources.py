"""Centre rows as resources: centres, agreements and contracts, the documentation guides."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from app.models.centres import Agreement, Centre, Guide
from app.security.scope import Viewer
from app.services.centres import agreements
from app.services.resources import Resource
from app.services.uploads import store_upload


class DocumentResource(Resource):
    """Rows carrying one uploaded document: the form's `upload` file replaces it when given."""

    document_column = "document"

    def store(self, item) -> None:
        stored = store_upload(getattr(item, "upload", None))
        if stored is not None:
            setattr(item, self.document_column, stored)

    def before_create(self, db: Session, viewer: Viewer, item, now: datetime) -> None:
        self.store(item)

    def check_new(self, db: Session, viewer: Viewer, item, now: datetime) -> None:
        """The rules without storing the file: a check writes nothing."""
        upload = vars(item).pop("upload", None)
        try:
            super().check_new(db, viewer, item, now)
        finally:
            if upload is not None:
                item.upload = upload

    def before_update(self, db: Session, viewer: Viewer, item, now: datetime) -> None:
        self.store(item)

    def check_changes(self, db: Session, viewer: Viewer, item, changes, now: datetime) -> None:
        """The rules without storing the file: a check writes nothing."""
        if callable(changes):
            def without_file(row):
                changes(row)
                vars(row).pop("upload", None)
            return super().check_changes(db, viewer, item, without_file, now)
        return super().check_changes(db, viewer, item, {k: v for k, v in changes.items()
                                                        if k != "upload"}, now)


class AgreementResource(DocumentResource):
    """A centre's new agreement is a submitted request; the body decides the others."""

    def before_create(self, db: Session, viewer: Viewer, item: Agreement, now: datetime):
        agreements.prepare_new(db, item, viewer.is_body)
        self.store(item)

    def before_update(self, db: Session, viewer: Viewer, item: Agreement, now: datetime):
        agreements.check_changes(item, viewer.is_body)
        self.store(item)


CENTRES = Resource(Centre)
AGREEMENTS = AgreementResource(Agreement)
GUIDES = DocumentResource(Guide)
