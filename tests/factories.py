"""Rows for tests, built with factory_boy on the test's database session (`db_session`, rolled
back after each test). A test builds what it needs here instead of looking up demo rows by their
titles or numbers; names carry accents and apostrophes as French users type them.

    session = ExamSessionFactory()                       # a new centre and product, open
    RegistrationFactory.create_batch(50, session=session)  # 50 candidates registered to it
"""
from __future__ import annotations

from datetime import date, datetime, timedelta

import factory
from factory.alchemy import SQLAlchemyModelFactory
from flask_appbuilder.security.sqla.models import Role
from sqlalchemy import select
from werkzeug.security import generate_password_hash

from app.extensions import db
from app.models.candidates import Candidate, Gender, Registration
from app.models.centres import Centre, CentreType, ExamUser
from app.models.reference import PriceList, Product, ProductRange, TestComponent
from app.models.sessions import ExamSession
from app.models.sessions import SessionStatus as S
from app.services.candidates import registrations as reg_svc
from app.services.candidates.candidates import dedup_key
from app.services.sessions import workflow as session_svc
from tests.conftest import DEMO_PASSWORD

COMPONENTS = [("CE", "Compréhension écrite"), ("CO", "Compréhension orale"),
              ("EE", "Expression écrite"), ("EO", "Expression orale")]


def _session():
    return db.session


class _Factory(SQLAlchemyModelFactory):
    class Meta:
        abstract = True
        sqlalchemy_session_factory = _session
        sqlalchemy_session_persistence = "flush"


class CentreFactory(_Factory):
    class Meta:
        model = Centre

    code = factory.Sequence(lambda n: f"TST-{n:05d}")
    name = factory.Sequence(lambda n: f"Centre d'examen de L'Haÿ-les-Roses {n}")
    type = CentreType.PRIVATE
    address = "2 rue de l'Église"
    postcode = "94240"
    city = "L'Haÿ-les-Roses"
    country = "FR"
    manager_last_name = "O'Neill"
    manager_first_name = "Hélène"
    manager_email = factory.Sequence(lambda n: f"direction{n}@centre.example")


class ProductFactory(_Factory):
    """A single-price product with the four TEF test components."""

    class Meta:
        model = Product

    code = factory.Sequence(lambda n: f"TST{n:04d}")
    name = factory.Sequence(lambda n: f"Test d'évaluation de français {n}")
    range = ProductRange.TEF
    modular = False
    valid_from = date(2024, 1, 1)

    @factory.post_generation
    def components(product, create, extracted, **kwargs):
        for position, (code, label) in enumerate(extracted or COMPONENTS, start=1):
            product.components.append(TestComponent(code=code, label=label, position=position))
        if create:
            db.session.flush()


class PriceListFactory(_Factory):
    class Meta:
        model = PriceList

    centre = factory.SubFactory(CentreFactory)
    centre_id = factory.SelfAttribute("centre.id")
    product = factory.SubFactory(ProductFactory)
    product_id = factory.SelfAttribute("product.id")
    amount_excl_vat = 120
    vat_rate = 20


class ExamSessionFactory(_Factory):
    """A centre's session in 30 days, registrations open, numbered and priced by the service."""

    class Meta:
        model = ExamSession

    centre = factory.SubFactory(CentreFactory)
    centre_id = factory.SelfAttribute("centre.id")
    product = factory.SubFactory(ProductFactory)
    start_date = factory.LazyFunction(lambda: date.today() + timedelta(days=30))
    end_date = factory.SelfAttribute("start_date")
    capacity = 60
    status = S.REGISTRATIONS_OPEN

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        item = model_class(*args, **kwargs)
        session_svc.prepare_new_session(db.session, item)
        db.session.add(item)
        db.session.flush()
        return item


class CandidateFactory(_Factory):
    class Meta:
        model = Candidate

    centre = factory.SubFactory(CentreFactory)
    centre_id = factory.SelfAttribute("centre.id")
    last_name = factory.Sequence(lambda n: f"L'HÔPITAL-{n:04d}")
    first_name = "Anne-Sophie"
    birth_date = date(1993, 4, 2)
    gender = Gender.F
    email = factory.Sequence(lambda n: f"candidat{n}@exemple.fr")
    dedup_key = factory.LazyAttribute(lambda c: dedup_key(c.last_name, c.first_name,
                                                          c.birth_date))


class RegistrationFactory(_Factory):
    """A candidate of the session's centre registered through the service (number, access
    code, components)."""

    class Meta:
        model = Registration

    session = factory.SubFactory(ExamSessionFactory)
    candidate = factory.SubFactory(CandidateFactory, centre=factory.SelfAttribute("..session.centre"))
    registered_at = factory.LazyFunction(datetime.utcnow)

    @classmethod
    def _create(cls, model_class, session, candidate, registered_at, **kwargs):
        registration = reg_svc.register_candidate(db.session, session, candidate, registered_at,
                                                  kwargs.pop("component_codes", None))
        for name, value in kwargs.items():
            setattr(registration, name, value)
        db.session.flush()
        return registration


class UserFactory(_Factory):
    """An account of `role` attached to `centres`; it logs in with the demo password."""

    class Meta:
        model = ExamUser

    username = factory.Sequence(lambda n: f"utilisateur.{n}")
    first_name = "Hélène"
    last_name = "O'Neill"
    email = factory.LazyAttribute(lambda u: f"{u.username}@centre.example")
    active = True
    language = "fr"
    password = factory.LazyFunction(lambda: generate_password_hash(
        DEMO_PASSWORD, method="pbkdf2:sha256:1000"))

    role = "CentreManager"  # a FAB role name; not a column

    @factory.post_generation
    def centres(user, create, extracted, **kwargs):
        user.centres = list(extracted or [])
        if create:
            db.session.flush()

    @classmethod
    def _create(cls, model_class, *args, role, **kwargs):
        user = model_class(*args, **kwargs)
        user.roles = [db.session.scalar(select(Role).where(Role.name == role))]
        db.session.add(user)
        db.session.flush()
        return user
