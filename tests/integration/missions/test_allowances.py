"""Allowances in French: "6,5" days, amounts as 1 268,00 €, the seed's statuses, the Centre
column and filter for the exam manager, a confirmation before "Transmettre"."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.models.centres import Centre
from app.models.missions.allowances import Allowance, AllowanceProcessing
from app.models.missions.staff import StaffMember


def plain(html: str) -> str:
    """The page's text with every kind of space as a plain one."""
    return re.sub(r"[\u00a0\u202f]|&nbsp;|&#8239;", " ", html)


@pytest.fixture()
def allowance(db_session):
    return db_session.scalar(select(Allowance).join(Centre).where(
        Centre.code == "PAR-0750001"))


def test_the_seed_worked_figures_read_in_french(login_as, db_session, allowance):
    staff = db_session.scalar(select(StaffMember).where(StaffMember.identifier == "P750004"))
    client = login_as("paris.manager")
    client.post(f"/allowanceview/share/{allowance.id}", data={
        "csrf_token": client.csrf, "staff_member": str(staff.id), "by": "percentage",
        "value": "5,5"})
    page = plain(client.get(f"/allowanceview/show/{allowance.id}").text)
    for figure in ("1 268,00 €", "69,74 €", "250,00 €", "389,48 €", "878,52 €"):
        assert figure in page, figure
    assert "5,5" in page and "389.48" not in page
    # "Transmettre" asks first, in French, the apostrophe intact (read by confirm.js)
    form = re.search(r'<form[^>]*transmit[^>]*data-confirm="([^"]*)"', page)
    assert form and form.group(1).startswith("Êtes-vous sûr de vouloir valider")
    assert "saisie d'indemnités" in form.group(1)


def test_six_and_a_half_days_typed_with_a_comma(login_as, db_session, allowance):
    client = login_as("paris.manager")
    page = client.get(f"/allowanceview/edit/{allowance.id}").text
    version = re.search(r'name="row_version"[^>]*value="(\d+)"', page) or re.search(
        r'value="(\d+)"[^>]*name="row_version"', page)
    response = client.post(f"/allowanceview/edit/{allowance.id}", data={
        "csrf_token": client.csrf, "row_version": version.group(1) if version else "",
        "first_test_date": "15/06/2027", "days_up_to_600": "6,5", "days_over_600": "1",
        "days_extra": "0"})
    assert response.status_code == 302, plain(response.text)[-2000:]
    db_session.refresh(allowance)
    assert allowance.days_up_to_600 == Decimal("6.5")
    assert allowance.total == Decimal("1357.00")  # 6,5 × 178 + 1 × 200
    assert "1 357,00 €" in plain(client.get(f"/allowanceview/show/{allowance.id}").text)


def test_the_exam_manager_sees_and_filters_by_centre_with_the_seed_statuses(
        login_as, db_session, allowance):
    allowance.processing = AllowanceProcessing.ACCEPTED
    db_session.commit()
    client = login_as("manager")
    listing = plain(client.get("/allowanceview/list/").text)
    assert "Centre d'examen de Paris" in listing or "Centre d&#39;examen de Paris" in listing
    assert "Accepté" in listing and "Validée" not in listing
    assert "1 268,00 €" in listing
    lyon = db_session.scalar(select(Centre).where(Centre.code == "LYO-0690001"))
    filtered = plain(client.get(f"/allowanceview/list/?_flt_0_centre={lyon.id}").text)
    assert "Centre d'examen de Paris" not in filtered.replace("&#39;", "'")


def test_a_distribution_over_the_total_is_refused_in_french(login_as, db_session, allowance):
    staff = db_session.scalar(select(StaffMember).where(StaffMember.identifier == "P750004"))
    client = login_as("paris.manager")
    page = plain(client.post(f"/allowanceview/share/{allowance.id}", data={
        "csrf_token": client.csrf, "staff_member": str(staff.id), "by": "amount",
        "value": "2000"}, follow_redirects=True).text)
    assert "dépasse l" in page and "1 268,00 €" in page
