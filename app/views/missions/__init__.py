"""Exam missions screens (IMAG'IN): staff, competences, missions, convocations, allowances."""
