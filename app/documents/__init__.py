"""Document builders: PDFs from autoescaped HTML templates, CSV and zip files."""
