"""Documents: the kernel every download goes through, and the builders of each domain.

Kernel (depends on nothing of ExamDesk): pdf.py (template → PDF per page → merge → "Page x / y"),
tables.py (CSV and xlsx behind the one formula guard), archive.py (the zip streamer), files.py
(file names, Content-Disposition per RFC 6266, the download response), calendar.py (.ics).
Builders, one per domain (sessions.py, candidates.py, requests.py, certifications.py,
missions.py), gather their rows through the services and hand them to the kernel.
"""
