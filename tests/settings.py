"""The configuration of the test suite (and of the benchmarks that build the same app)."""
from config import Config


class SuiteConfig(Config):
    TESTING = True  # Flask: exceptions reach the test instead of a 500 page
    SEND_FILE_MAX_AGE_DEFAULT = 3600  # browser tests: static files from the browser's cache
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_SECURE = False
    AUTH_RATE_LIMIT = "10000 per minute"
    PUBLIC_FORM_RATE_LIMIT = "10000 per minute"  # tests of the limit set their own
    FAB_PASSWORD_HASH_METHOD = "pbkdf2:sha256:1000"  # fast hashes: the demo has 11 accounts
