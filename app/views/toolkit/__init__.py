"""The list toolkit every ExamModelView has: filters, columns, density, saved views, exports."""
