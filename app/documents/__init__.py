"""Document builders: PDFs from autoescaped templates, CSV and zip files."""
