"""Every product of the catalogue reads its scores on its own scale: the CECRL bands of the TEF,
DFP and CIMA scores, Le Robert's levels; scores above the scale's maximum are refused."""
from decimal import Decimal
from types import SimpleNamespace

import pytest
from flask_babel import force_locale

from app.demo.reference import PRODUCTS
from app.models.reference import ProductRange
from app.models.sessions import SessionStatus
from app.services.candidates.registrations import record_scores
from app.services.candidates.results import result_row
from app.services.errors import DomainError
from app.services.reference.scales import level_of, maximum_score, scale_for


def levels(product_range, *scores):
    return [level_of(product_range, Decimal(s)) for s in scores]


def test_tef_scores_out_of_699_read_as_cecrl_bands():
    assert maximum_score(ProductRange.TEF) == 699
    assert levels(ProductRange.TEF, 0, 100, 101, 181, 270, 271, 399, 400, 540, 541, 599, 600,
                  699) == ["< A1", "< A1", "A1", "A2", "A2", "B1", "B1", "B2", "B2", "C1", "C1",
                           "C2", "C2"]


def test_dfp_reads_on_the_tef_bands():
    assert scale_for(ProductRange.DFP) is scale_for(ProductRange.TEF)
    assert levels(ProductRange.DFP, "412.5") == ["B2"]


def test_cima_scores_out_of_100_read_as_the_six_cecrl_levels():
    assert maximum_score(ProductRange.CIMA) == 100
    assert levels(ProductRange.CIMA, 14, 15, 30, 45, "59.5", 60, 75, 89, 90, 100) == [
        "< A1", "A1", "A2", "B1", "B1", "B2", "C1", "C1", "C2", "C2"]


def test_le_robert_scores_out_of_1000_read_on_its_own_levels_in_the_readers_language(app):
    assert maximum_score(ProductRange.CLR) == 1000
    with app.test_request_context(), force_locale("fr"):
        assert levels(ProductRange.CLR, 0, 299, 300, 500, 750, 900, 1000) == [
            "Élémentaire", "Élémentaire", "Intermédiaire", "Professionnel", "Avancé", "Expert",
            "Expert"]
    with app.test_request_context(), force_locale("en"):
        assert levels(ProductRange.CLR, 640) == ["Professional"]


def test_every_product_of_the_demo_catalogue_has_a_scale():
    assert [p["code"] for p in PRODUCTS if scale_for(p["range"]) is None] == []


def test_a_product_without_a_range_scale_has_no_level():
    assert level_of(ProductRange.OTHER, Decimal(500)) is None
    assert level_of(ProductRange.TEF, None) is None


def registration(product_range, code="CE", score=None, absent=False):
    component = SimpleNamespace(code=code, label=code, position=1)
    session = SimpleNamespace(status=SessionStatus.IN_CORRECTION,
                              product=SimpleNamespace(range=product_range))
    return SimpleNamespace(session=session, number="R0000001", components=[
        SimpleNamespace(component=component, score=score, absent=absent)])


def test_the_results_table_row_shows_the_level_on_the_products_scale():
    row = result_row(registration(ProductRange.CIMA, score=Decimal("77")))
    assert row.components["CE"].level == "C1"
    assert row.total == Decimal("77")


@pytest.mark.parametrize("product_range, refused, accepted", [
    (ProductRange.CIMA, "100,5", "100"), (ProductRange.TEF, "700", "699"),
    (ProductRange.CLR, "1001", "1000")])
def test_a_score_above_the_scales_maximum_is_refused(app, product_range, refused, accepted):
    item = registration(product_range)
    with app.test_request_context(), force_locale("fr"):
        with pytest.raises(DomainError) as error:
            record_scores(item, {"CE": refused}, is_body=True, is_assigned_evaluator=False)
        assert f"compris entre 0 et {maximum_score(product_range)}" in str(error.value)
    assert record_scores(item, {"CE": accepted}, is_body=True,
                         is_assigned_evaluator=False) == ["CE"]
    assert item.components[0].score == Decimal(accepted)
