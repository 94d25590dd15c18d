"""Demo reference data: two centres (Paris, Lyon), the seed products with their prices, the
centres' agreements and one account per role. Loading twice changes nothing: every row is found
by its natural key before it is created."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import Session
from werkzeug.security import generate_password_hash

from app.demo.rows import get_or_create
from app.models.centres import (
    Agreement,
    AgreementKind,
    AgreementStatus,
    Centre,
    CentreType,
    ExamUser,
    PublicVisibility,
)
from app.models.reference import PriceList, Product, ProductRange, TestComponent

DEMO_PASSWORD = "Demo-Passw0rd!"

CENTRES = [
    dict(code="PAR-0750001", name="Centre d'examen de Paris", type=CentreType.PRIVATE,
         address="8 avenue de la République", postcode="75011", city="Paris", country="FR",
         manager_role="Directrice", manager_last_name="Martin", manager_first_name="Claire",
         manager_email="claire.martin@paris.examdesk.local", manager_phone="+33 1 23 45 67 89",
         public_visibility=PublicVisibility.WITH_SESSIONS),
    dict(code="LYO-0690001", name="Centre d'examen de Lyon", type=CentreType.PUBLIC,
         address="12 rue de la Charité", postcode="69002", city="Lyon", country="FR",
         manager_role="Directeur", manager_last_name="Bernard", manager_first_name="Louis",
         manager_email="louis.bernard@lyon.examdesk.local", manager_phone="+33 4 72 00 00 00",
         public_visibility=PublicVisibility.WITHOUT_SESSIONS),
]

TEF_COMPONENTS = [("CE", "Compréhension écrite"), ("CO", "Compréhension orale"),
                  ("EE", "Expression écrite"), ("EO", "Expression orale")]
PRODUCTS = [
    dict(code="TEFCAN", name="TEF Canada", range=ProductRange.TEF, modular=True,
         components=TEF_COMPONENTS, price=Decimal("95.00")),
    dict(code="TEFIRN", name="TEF Intégration Résidence Nationalité", range=ProductRange.TEF,
         modular=False, components=TEF_COMPONENTS, price=Decimal("180.00")),
    dict(code="DFPAFB1", name="DFP Affaires B1", range=ProductRange.DFP, modular=False,
         components=[("CE", "Compréhension écrite"), ("CO", "Compréhension orale"),
                     ("EE", "Expression écrite"), ("EO", "Expression orale")],
         price=Decimal("120.00")),
    dict(code="CIMA", name="CIMA – Certification internationale de maîtrise de l'arabe",
         range=ProductRange.CIMA, modular=False,
         components=[("CE", "Compréhension écrite"), ("CO", "Compréhension orale"),
                     ("PE", "Production écrite"), ("PO", "Production orale")],
         price=Decimal("110.00")),
    dict(code="CLR", name="Certification Le Robert", range=ProductRange.CLR, modular=False,
         components=[("CLR", "Épreuve en ligne")], price=Decimal("71.00")),
]

USERS = [
    ("admin", "Alice", "Admin", "Admin", []),
    ("support", "Sophie", "Support", "Support", []),
    ("pedagogy", "Paul", "Pédagogie", "Pedagogy", []),
    ("manager", "Marc", "Gestionnaire", "ExamManager", []),
    ("paris.manager", "Claire", "Martin", "CentreManager", ["PAR-0750001"]),
    ("paris.staff", "Hugo", "Petit", "CentreStaff", ["PAR-0750001"]),
    ("paris.evaluator", "Inès", "Moreau", "Evaluator", ["PAR-0750001"]),
    ("lyon.manager", "Louis", "Bernard", "CentreManager", ["LYO-0690001"]),
    ("lyon.staff", "Emma", "Roux", "CentreStaff", ["LYO-0690001"]),
    ("lyon.evaluator", "Nadia", "Fournier", "Evaluator", ["LYO-0690001"]),
    ("regional.manager", "Rémi", "Lambert", "CentreManager", ["PAR-0750001", "LYO-0690001"]),
]


def load(session: Session, find_role) -> dict[str, int]:
    """Create what is missing; return how many centres, products and users the demo has."""
    centres = {c["code"]: get_or_create(session, Centre, {"code": c["code"]},
                                         {k: v for k, v in c.items() if k != "code"})
               for c in CENTRES}
    products = {}
    for p in PRODUCTS:
        product = get_or_create(session, Product, {"code": p["code"]},
                                 dict(name=p["name"], range=p["range"], modular=p["modular"],
                                      valid_from=date(2024, 1, 1)))
        for pos, (code, label) in enumerate(p["components"], start=1):
            get_or_create(session, TestComponent, {"product_id": product.id, "code": code},
                           dict(label=label, position=pos))
        products[p["code"]] = (product, p["price"])
    session.flush()
    for centre in centres.values():
        for product, price in products.values():
            if product.modular:
                for comp in product.components:
                    get_or_create(session, PriceList, {"centre_id": centre.id,
                                                        "product_id": product.id,
                                                        "component_id": comp.id},
                                   dict(amount_excl_vat=price / 4, vat_rate=Decimal("20.00")))
            else:
                get_or_create(session, PriceList, {"centre_id": centre.id,
                                                    "product_id": product.id,
                                                    "component_id": None},
                               dict(amount_excl_vat=price, vat_rate=Decimal("20.00")))
        get_or_create(session, Agreement, {"centre_id": centre.id, "reference": f"AGR-{centre.code}"},
                       dict(kind=AgreementKind.AGREEMENT, status=AgreementStatus.APPROVED,
                            valid_from=date(2024, 1, 1), valid_until=date(2026, 12, 31)))
        get_or_create(session, Agreement, {"centre_id": centre.id, "reference": f"CTR-{centre.code}"},
                       dict(kind=AgreementKind.CONTRACT, status=AgreementStatus.SUBMITTED,
                            valid_from=date(2027, 1, 1), valid_until=date(2029, 12, 31)))
    method = current_app.config.get("FAB_PASSWORD_HASH_METHOD", "scrypt")
    users = {}
    for username, first, last, role, centre_codes in USERS:
        user = session.scalar(select(ExamUser).where(ExamUser.username == username))
        if user is None:
            user = ExamUser(username=username, first_name=first, last_name=last,
                            email=f"{username}@examdesk.local", active=True,
                            password=generate_password_hash(DEMO_PASSWORD, method=method),
                            language="fr")
            user.roles = [find_role(role)]
            user.centres = [centres[c] for c in centre_codes]
            session.add(user)
        users[username] = user
    session.flush()
    for centre in centres.values():
        if centre.support_contact_id is None:
            centre.support_contact = users["support"]
    session.flush()
    return {"centres": len(centres), "products": len(products), "users": len(users)}
