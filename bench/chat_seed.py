"""Benchmark data: N centres, each with two centre users and one conversation (a centre has a
few users, so each message reaches a few followers, as in real use). Prints JSON."""
from __future__ import annotations

import json
import sys

from sqlalchemy import select
from werkzeug.security import generate_password_hash

from app.extensions import db
from app.models.base import utcnow
from app.models.centres import Centre, ExamUser
from app.security.context import viewer_for
from app.services.messaging.chat import start_conversation
from run import create_app

PASSWORD = "Bench-Passw0rd!"


def seed(count: int) -> list[dict]:
    app = create_app()
    with app.app_context():
        role = app.appbuilder.sm.find_role("CentreManager")
        support = db.session.scalar(select(ExamUser).where(ExamUser.username == "support"))
        password = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")
        rows = []
        for i in range(count):
            centre = Centre(code=f"BENCH-{i:04d}", name=f"Bench {i}", support_contact=support)
            users = [ExamUser(username=f"bench{i}{side}", first_name="Bench", last_name=side,
                              email=f"bench{i}{side}@bench.local", active=True,
                              password=password, roles=[role], centres=[centre])
                     for side in ("a", "b")]
            db.session.add_all([centre, *users])
            db.session.flush()
            conv = start_conversation(db.session, viewer_for(users[0]), users[0],
                                      title=f"bench {i}", body="start", now=utcnow())
            rows.append({"conversation": conv.id, "users": [u.username for u in users]})
        db.session.commit()
        return rows


if __name__ == "__main__":
    print(json.dumps(seed(int(sys.argv[1]))))
