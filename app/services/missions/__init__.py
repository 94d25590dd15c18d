"""Exam missions rules (IMAG'IN): staff, competences, convocations, service done, allowances."""
