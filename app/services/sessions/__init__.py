"""Sessions rules: the session workflow, deadlines, documents, the sessions dashboard."""
