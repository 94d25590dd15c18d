"""Document builders: PDFs from autoescaped HTML templates, zip batches."""
