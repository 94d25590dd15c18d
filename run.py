"""Entry point: `flask --app run …` and `python run.py` (web pages and Socket.IO on one port)."""
import os

from app import create_app as _create_app


def create_app():
    return _create_app(os.environ.get("EXAMDESK_CONFIG", "config.Config"))


if __name__ == "__main__":
    from app.extensions import socketio

    application = create_app()
    socketio.run(application, host=os.environ.get("HOST", "127.0.0.1"),
                 port=int(os.environ.get("PORT", "5000")), allow_unsafe_werkzeug=True)
