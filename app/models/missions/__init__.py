"""Exam missions (IMAG'IN): staff, competences, missions, convocations, service done, allowances."""
