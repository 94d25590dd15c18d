"""The fixed moment of the certification tests."""
from datetime import datetime

NOW = datetime(2026, 11, 24, 9, 0)
TODAY = NOW.date()
