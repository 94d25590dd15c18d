"""The candidate's reference lists: ISO codes from any spelling the seeds use, names in the
reader's language, values outside a list refused."""
from types import SimpleNamespace

from app.services.candidates import reference_lists as lists


def test_codes_are_read_from_the_seeds_spellings():
    assert lists.canonical_language("ARA_arabe") == "ar"
    assert lists.canonical_language("POR") == lists.canonical_language("pt") == "pt"
    assert lists.canonical_language("klingon") is None
    assert lists.canonical_country("DZ_Algérie") == lists.canonical_country("dz") == "DZ"
    assert lists.canonical_country("EU") is None and lists.canonical_country("XX") is None


def test_names_follow_the_readers_language():
    assert lists.label_of("nationality", "DZ", "fr") == "Algérie"
    assert lists.label_of("nationality", "DZ", "en") == "Algeria"
    assert lists.label_of("mother_tongue", "ARA", "fr") == "arabe"
    assert lists.label_of("mother_tongue", "ar", "en") == "Arabic"
    french = [name for _, name in lists.country_choices("fr")]
    assert french.index("Afrique du Sud") < french.index("Albanie")  # sorted as read
    assert ("DZ", "Algérie") in lists.country_choices("fr")


def test_values_outside_their_list_are_refused_and_codes_normalised():
    item = SimpleNamespace(civility="Mme", mother_tongue="ARA", nationality="dz",
                           birth_country="XX", education_level="bac5", funding="cpf",
                           socio_professional_category="astronaut")
    lists.normalise_codes(item)
    assert (item.mother_tongue, item.nationality) == ("ar", "DZ")
    assert set(lists.reference_errors(item)) == {"civility", "birth_country",
                                                 "socio_professional_category"}
