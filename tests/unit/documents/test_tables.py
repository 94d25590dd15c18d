"""The one formula guard and the CSV / xlsx writers every export goes through."""
from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from app.documents import tables


@pytest.mark.parametrize("raw", ["=1+2", "+33 1 23", "-5", "@SUM(A1)", "\tx", "\rx"])
def test_text_a_spreadsheet_would_evaluate_is_neutralised(raw):
    assert tables.neutralise(raw) == "'" + raw


@pytest.mark.parametrize("raw", ["Paris", "", "a=b", 5, -5, Decimal("-1.5"), None])
def test_harmless_text_and_numbers_are_kept(raw):
    assert tables.neutralise(raw) == raw


def test_numbers_and_dates_stay_typed_and_the_rest_becomes_guarded_text():
    assert tables.cell_value(-5) == -5
    assert tables.cell_value("-5") == "'-5"
    assert tables.cell_value(None) == ""
    assert tables.cell_value(True) == "True"
    assert tables.cell_value(date(2026, 12, 8)) == date(2026, 12, 8)


def test_csv_has_a_bom_semicolons_and_neutralised_cells():
    text = "".join(tables.csv_chunks(["Nom", "Ville"], [["=cmd", "Évry"], ["A;B", 3]]))
    assert text.startswith("\ufeffNom;Ville\r\n")
    assert "'=cmd;Évry\r\n" in text
    assert '"A;B";3\r\n' in text
    assert tables.csv_bytes(["Nom"], [["L'Hôpital"]]) == "\ufeffNom\r\nL'Hôpital\r\n".encode()


def test_csv_is_streamed_in_batches_and_counts_its_rows():
    seen = []
    chunks = list(tables.csv_chunks(["n"], ([i] for i in range(450)), seen.append, batch=200))
    assert len(chunks) == 3 and seen == [450]


def test_xlsx_is_written_with_neutralised_text_and_numeric_numbers():
    out = io.BytesIO()
    tables.write_xlsx(out, tables.Sheet("Prices: [all]", ["Nom", "Prix"],
                                        iter([["@x", Decimal("12.50")], ["y", -1]])))
    ws = load_workbook(io.BytesIO(out.getvalue()), read_only=True).worksheets[0]
    rows = list(ws.iter_rows(values_only=True))
    assert rows == [("Nom", "Prix"), ("'@x", 12.5), ("y", -1)]
    assert ws.title == "Prices all"


def test_a_workbook_may_hold_several_sheets():
    data = tables.xlsx_bytes(tables.Sheet("Candidats", ["Nom *"], []),
                             tables.Sheet("Valeurs par défaut", ["Colonne"], [["=Nom"]]))
    book = load_workbook(io.BytesIO(data), read_only=True)
    assert book.sheetnames == ["Candidats", "Valeurs par défaut"]
    assert list(book.worksheets[1].iter_rows(values_only=True)) == [("Colonne",), ("'=Nom",)]
