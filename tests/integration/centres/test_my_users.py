""""Mes utilisateurs" (seed 001, issue 14 item 5): the centre manager sees the accounts of the
active centre only, with their roles, and the role matrix as the rules enforce it."""
import re

from sqlalchemy import select

from app.models.centres import Centre
from app.security.roles import CENTRE_MANAGER, CENTRE_STAFF, EVALUATOR
from app.services.centres.users import role_matrix
from tests.factories import CentreFactory, UserFactory


def test_the_manager_lists_the_accounts_of_the_centre_only(login_as, db_session):
    paris = db_session.scalar(select(Centre).where(Centre.code == "PAR-0750001"))
    colleague = UserFactory(centres=[paris], role="CentreStaff", last_name="D'ARTAGNAN")
    stranger = UserFactory(centres=[CentreFactory()], role="CentreStaff", last_name="ÉTRANGER")
    db_session.commit()
    page = login_as("paris.manager").get("/my-users/").get_data(as_text=True)
    assert "Mes utilisateurs" in page
    table = page.split('id="centre-users"')[1].split("</table>")[0]
    assert "D&#39;ARTAGNAN" in table and "Administratif centre" in table
    assert colleague.email in table and stranger.email not in table
    assert "Responsable de centre" in table


def test_the_role_matrix_follows_the_rules():
    matrix = role_matrix()
    assert matrix[CENTRE_MANAGER]["accounts"] and not matrix[CENTRE_STAFF]["accounts"]
    assert matrix[EVALUATOR]["eo"] and matrix[EVALUATOR]["photo_signature"]
    assert not any(matrix[role]["written"] for role in matrix)  # the centre never marks CE
    assert not matrix[CENTRE_MANAGER]["eo"] and matrix[CENTRE_STAFF]["portal"]


def test_the_matrix_is_shown_in_french(login_as):
    page = login_as("paris.manager").get("/my-users/").get_data(as_text=True)
    matrix = page.split('id="role-matrix"')[1].split("</table>")[0]
    assert "Accès Portail" in matrix and "Création de comptes (demande)" in matrix
    row = re.search(r'data-role="Evaluator">(.*?)</tr>', matrix, re.S).group(1)
    assert 'data-capability="eo"><span aria-hidden="true">✓' in row


def test_other_roles_cannot_open_it(login_as):
    assert login_as("paris.staff").get("/my-users/").status_code in (302, 403)


def test_body_staff_are_taken_to_every_account(login_as):
    """The menu offers "Mes utilisateurs" to the admin too, who has no centre of their own:
    the entry opens the list of every account instead of answering 404."""
    response = login_as("admin").get("/my-users/")
    assert response.status_code == 302
    assert "/users/list/" in response.headers["Location"]
