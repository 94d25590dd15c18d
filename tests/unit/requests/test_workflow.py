"""Request rules: filing windows, the status workflow, the history and the decisions' effects."""
from decimal import Decimal

import pytest
from flask_babel import force_locale

from app.models.candidates import RegistrationStatus
from app.models.requests import RequestKind as K
from app.models.requests import RequestStatus as R
from app.models.requests import extra_time_of
from app.models.sessions import SessionStatus as S
from app.services.candidates import registrations as reg_svc
from app.services.errors import DomainError
from app.services.requests import effects
from app.services.requests import workflow as svc
from app.services.requests.notices import decision_sentence
from tests.unit.requests.moments import NOW


def test_accommodation_is_filed_pending_with_its_history(db_session, make_session, register):
    registration = register(make_session())
    item = svc.file_request(db_session, K.ACCOMMODATION, registration=registration,
                            reason="Tiers-temps", actor_id=None, now=NOW, extra_time_percent=33)
    assert item.status == R.PENDING and item.number.startswith("DEM")
    assert item.centre_id == registration.centre_id
    assert [(e.action, e.status) for e in item.events] == [("filed", R.PENDING)]


def test_accommodation_refused_once_registrations_are_closed(db_session, make_session, register,
                                                             app):
    session = make_session()
    registration = register(session)
    session.status = S.REGISTRATIONS_CLOSED
    with pytest.raises(DomainError) as refused, force_locale("en"):
        svc.file_request(db_session, K.EXEMPTION, registration=registration, reason="x",
                         actor_id=None, now=NOW, component=registration.components[0].component)
    with force_locale("en"):
        assert "only while registrations are open" in str(refused.value)


def test_a_request_without_reason_is_refused(db_session, make_session, register):
    registration = register(make_session())
    with pytest.raises(DomainError):
        svc.file_request(db_session, K.ACCOMMODATION, registration=registration, reason="  ",
                         actor_id=None, now=NOW, extra_time_percent=33)


def test_status_moves_pending_in_progress_accepted_and_never_back(db_session, make_session,
                                                                  register):
    item = svc.file_request(db_session, K.ACCOMMODATION, registration=register(make_session()),
                            reason="r", actor_id=None, now=NOW, extra_time_percent=50)
    svc.take_in_charge(db_session, item, None, NOW)
    svc.decide(db_session, item, True, None, NOW)
    assert item.status == R.ACCEPTED and item.decided_at == NOW
    with pytest.raises(DomainError):
        svc.decide(db_session, item, False, None, NOW, "too late")
    with pytest.raises(DomainError):
        svc.take_in_charge(db_session, item, None, NOW)
    assert [e.action for e in item.events] == ["filed", "taken", "accepted"]


def test_refusal_needs_a_note(db_session, make_session, register):
    item = svc.file_request(db_session, K.ACCOMMODATION, registration=register(make_session()),
                            reason="r", actor_id=None, now=NOW, extra_time_percent=33)
    with pytest.raises(DomainError):
        svc.decide(db_session, item, False, None, NOW, "")
    svc.decide(db_session, item, False, None, NOW, "Pas de justificatif")
    assert item.status == R.REFUSED and item.decision_note == "Pas de justificatif"


def test_a_second_open_request_of_the_same_type_is_refused(db_session, make_session, register):
    registration = register(make_session())
    svc.file_request(db_session, K.ACCOMMODATION, registration=registration, reason="r",
                     actor_id=None, now=NOW, extra_time_percent=33)
    with pytest.raises(DomainError):
        svc.file_request(db_session, K.ACCOMMODATION, registration=registration, reason="r",
                         actor_id=None, now=NOW, extra_time_percent=33)


def test_accepted_extra_time_follows_the_registration(db_session, make_session, register):
    registration = register(make_session())
    item = svc.file_request(db_session, K.ACCOMMODATION, registration=registration, reason="r",
                            actor_id=None, now=NOW, extra_time_percent=33)
    assert extra_time_of(registration) == ""
    svc.decide(db_session, item, True, None, NOW)
    db_session.refresh(registration)
    assert extra_time_of(registration) == "1/3T"


def test_accepted_exemption_removes_the_component_and_its_price(db_session, make_session,
                                                                register):
    registration = register(make_session("TEFCAN"))
    before = effects.price_due(registration)[0]
    eo = next(rc.component for rc in registration.components if rc.component.code == "EO")
    item = svc.file_request(db_session, K.EXEMPTION, registration=registration, reason="r",
                            actor_id=None, now=NOW, component=eo)
    svc.decide(db_session, item, True, None, NOW)
    db_session.flush()
    assert "EO" not in registration.component_codes
    assert effects.price_due(registration)[0] == before - Decimal("23.75")


def test_exemption_of_a_component_not_chosen_is_refused(db_session, make_session, register):
    registration = register(make_session("TEFCAN"))
    other = make_session("TEFIRN").product.components[0]
    with pytest.raises(DomainError):
        svc.file_request(db_session, K.EXEMPTION, registration=registration, reason="r",
                         actor_id=None, now=NOW, component=other)


def test_fraud_is_under_review_then_blocks_results_once_accepted(db_session, make_session,
                                                                 register, app):
    session = make_session()
    registration = register(session)
    session.status = S.REGISTRATIONS_CLOSED
    item = svc.file_request(db_session, K.FRAUD, registration=registration, reason="Téléphone",
                            actor_id=None, now=NOW)
    with force_locale("en"):
        assert str(svc.status_label(item)) == "Under review"
    assert not effects.results_blocked(registration)
    svc.decide(db_session, item, True, None, NOW)
    db_session.refresh(registration)
    with pytest.raises(DomainError):
        effects.check_results_releasable(registration)
    session.status = S.RESULTS_PUBLISHED
    with pytest.raises(DomainError) as refused, force_locale("en"):
        reg_svc.check_certificate(registration)
    with force_locale("en"):
        assert "fraud" in str(refused.value)


def test_fraud_while_registrations_are_open_is_refused(db_session, make_session, register):
    with pytest.raises(DomainError):
        svc.file_request(db_session, K.FRAUD, registration=register(make_session()), reason="r",
                         actor_id=None, now=NOW)


def test_file_many_is_all_or_nothing_and_names_each_refusal(db_session, make_session, register):
    session = make_session()
    good, bad = register(session), register(session)
    bad.status = RegistrationStatus.WITHDRAWN
    with pytest.raises(DomainError) as refused:
        svc.file_many(db_session, K.ACCOMMODATION, [good, bad], reason="r", actor_id=None,
                      now=NOW, extra_time_percent=33)
    assert bad.number in str(refused.value)
    assert good.requests == [] and bad.requests == []


def test_decision_sentence_names_the_session_and_candidate(db_session, make_session,
                                                          register, app):
    registration = register(make_session("TEFIRN"))
    item = svc.file_request(db_session, K.POSTPONEMENT, registration=registration,
                            reason="r", actor_id=None, now=NOW)
    svc.decide(db_session, item, True, None, NOW)
    with force_locale("en"):
        text = decision_sentence(item)
    assert text == (f"Your postponement request concerning the session "
                    f"{registration.session.number} - TEF Intégration Résidence Nationalité - "
                    f"17/06/2031 and the candidate Ana {registration.candidate.last_name} "
                    f"has been accepted.")


def test_french_fragment_renders_the_seed_sentence():
    from pathlib import Path

    from babel.messages.pofile import read_po

    path = Path(__file__).resolve().parents[3] / "app/translations/fragments/requests.po"
    with path.open("rb") as handle:
        catalog = read_po(handle)
    noun = catalog.get("postponement request").string
    sentence = catalog.get("Your %(kind)s concerning the session %(session)s has been "
                           "accepted.").string
    assert sentence % {"kind": noun, "session": "7000023 - TEF Intégration Résidence "
                                                "Nationalité - 30/06/2023"} == (
        "Votre demande de report concernant la session 7000023 - TEF Intégration Résidence "
        "Nationalité - 30/06/2023 a été validée.")


def test_decision_is_mailed_to_the_centre_manager(db_session, make_session, register):
    from sqlalchemy import select

    from app.models.mail import OutboxEmail

    registration = register(make_session())
    item = svc.file_request(db_session, K.ACCOMMODATION, registration=registration,
                            reason="r", actor_id=None, now=NOW, extra_time_percent=25)
    svc.decide(db_session, item, False, None, NOW, "Certificat illisible")
    mail = db_session.scalars(select(OutboxEmail).where(
        OutboxEmail.kind == "request_decision").order_by(OutboxEmail.id.desc())).first()
    assert mail.recipient == registration.centre.manager_email
    assert registration.session.number in mail.body and "Certificat illisible" in mail.body


def test_every_decision_sentence_agrees_in_french(app):
    """"Votre … a été validée / refusée": each kind's French noun is a feminine one (a
    "recours" alone would read "Votre recours … a été refusée")."""
    from app.services.requests.states import NOUNS

    with app.test_request_context(), force_locale("fr"):
        nouns = {kind: str(noun) for kind, noun in NOUNS.items()}
    assert nouns[K.APPEAL] == "demande de recours"
    assert all(n.split()[0] in ("demande", "déclaration", "anomalie") for n in nouns.values()), \
        nouns
