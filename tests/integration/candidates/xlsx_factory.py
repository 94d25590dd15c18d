"""Build xlsx uploads for the import tests (real workbooks written by openpyxl)."""
import io

from openpyxl import Workbook

HEADER = ["Last name", "First name", "Birth date (DD/MM/YYYY)",
          "Gender F (female) H (male) N (non-binary)", "Mother tongue (code, e.g. ARA)",
          "E-mail", "Nationality (code, e.g. DZ)", "Motivation", "ID document number",
          "CE (O/N)", "CO (O/N)", "EE (O/N)", "EO (O/N)"]


def person_row(i: int) -> list:
    return [f"NOM{i:05d}", "Prénom", f"{1 + i % 28:02d}/{1 + i % 12:02d}/19{60 + i % 40}", "F",
            "ARA_arabe", f"p{i}@example.org", "DZ_Algérie", "C", str(100000 + i),
            "O", "N", "O", "N"]


def workbook_bytes(rows, header=HEADER, defaults=None, write_only=False) -> bytes:
    wb = Workbook(write_only=write_only)
    ws = wb.create_sheet("Candidates") if write_only else wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    sheet = wb.create_sheet("Default values")
    sheet.append(["Column", "Default value"])
    for label, value in (defaults or {}).items():
        sheet.append([label, value])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
