"""Extension singletons, attached to the application in create_app."""
from flask_appbuilder import Model
from flask_mail import Mail
from flask_migrate import Migrate
from flask_socketio import SocketIO
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

# One metadata for FAB's tables and ours: FAB's own SQLA class has a metadata of its own, so
# Alembic would see no table and autogenerate would drop them all.
db = SQLAlchemy(model_class=Model)
migrate = Migrate()
csrf = CSRFProtect()
mail = Mail()
# The async mode is pinned in create_app (eventlet would be auto-picked if installed).
socketio = SocketIO()
