"""The one clock of the application, so that deadlines and expiries are testable."""
from app.models.base import utcnow

now = utcnow
