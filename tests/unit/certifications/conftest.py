"""Fixtures of the certification tests: the demo types, Paris and Lyon, stock and candidates."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models.candidates import Candidate, Gender
from app.models.centres import Centre
from app.models.certifications import CertificationType, PartnerExamCentre, StockMovement
from app.models.reference import Product
from app.services.candidates.candidates import dedup_key
from app.services.certifications.stock import move_stock
from tests.unit.certifications.moments import NOW, TODAY  # noqa: F401


@pytest.fixture()
def paris(db_session):
    return db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))


@pytest.fixture()
def lyon(db_session):
    return db_session.scalar(select(Centre).where(Centre.code == "LYO-0690001"))


@pytest.fixture()
def supervised(db_session):
    return db_session.scalar(select(CertificationType)
                             .where(CertificationType.reference == "PART-CLR-EXAMEN"))


@pytest.fixture()
def la_poste(db_session):
    return db_session.scalar(select(CertificationType)
                             .where(CertificationType.reference == "PART-LAPOSTE-EXAMEN"))


@pytest.fixture()
def partner(db_session):
    return db_session.scalar(select(PartnerExamCentre)
                             .where(PartnerExamCentre.name == "La Poste Paris Louvre"))


@pytest.fixture()
def new_type(db_session):
    """A fresh type with an empty stock everywhere."""
    def make(reference="PART-TEST", supervised=True, price="50.00"):
        product = db_session.scalar(select(Product).where(Product.code == "CLR"))
        row = CertificationType(product_id=product.id, product=product, name=reference,
                                reference=reference, unit_price_excl_vat=Decimal(price),
                                vat_rate=Decimal("20.00"), centre_supervised=supervised)
        db_session.add(row)
        db_session.flush()
        return row
    return make


@pytest.fixture()
def stocked(db_session):
    def give(centre, ctype, quantity):
        move_stock(db_session, centre.id, ctype, StockMovement.DELIVERY, quantity)
    return give


@pytest.fixture()
def person(db_session):
    def make(centre, last, email=True, tongue=None):
        born = date(1990, 1, 1)
        row = Candidate(centre_id=centre.id, centre=centre, last_name=last, first_name="Ana",
                        birth_date=born, gender=Gender.F, mother_tongue=tongue,
                        email=f"{last.lower()}@example.org" if email else None,
                        dedup_key=dedup_key(last, "Ana", born))
        db_session.add(row)
        db_session.flush()
        return row
    return make
