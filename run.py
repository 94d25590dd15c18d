"""Entry point: `flask --app run …` (the factory below) and `python run.py`, which serves web pages
and Socket.IO on one port with the production server in one process (deploy/serve.py)."""
import os


def create_app():
    from app import create_app as _create_app

    return _create_app(os.environ.get("EXAMDESK_CONFIG", "config.Config"))


if __name__ == "__main__":
    from deploy.serve import main

    main(["--processes", "1"])
