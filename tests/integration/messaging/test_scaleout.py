"""Scale-out and faults with real processes: two ExamDesk servers sharing a private Redis and
one database; a receiver's server restarted, Redis restarted, a receiver disconnected
mid-stream — after resync every participant has every message once, in order."""
from __future__ import annotations

import tempfile
import uuid
from pathlib import Path

import pytest
import requests

from tests.conftest import DEMO_PASSWORD
from tests.integration.messaging.chat_processes import Deployment, Redis, ResyncingClient

THREAD = "Session TEF Canada du 14 mars : salle supplémentaire"


@pytest.fixture(scope="module")
def deployment():
    folder = Path(tempfile.mkdtemp(prefix="examdesk-scale-"))
    redis = Redis(folder)
    redis.start()
    deployment = Deployment(folder, redis)
    try:
        deployment.prepare()
        for name in ("a", "b"):
            deployment.server(name).start()
        yield deployment
    finally:
        deployment.stop()
        redis.stop()


@pytest.fixture()
def participants(deployment):
    a, b = deployment.server("a"), deployment.server("b")
    manager_token = a.token("paris.manager", DEMO_PASSWORD)
    support_token = b.token("support", DEMO_PASSWORD)
    listing = requests.get(a.url + "/api/v1/conversation/?q=(page_size:100)", timeout=10,
                           headers={"Authorization": f"Bearer {manager_token}"}).json()
    conv = next(i for i, row in zip(listing["ids"], listing["result"], strict=True) if row["title"] == THREAD)
    sender = ResyncingClient(a.url, manager_token, conv)
    receiver = ResyncingClient(b.url, support_token, conv)
    sender.connect()
    receiver.connect()
    yield sender, receiver
    for client in (sender, receiver):
        client.close()


def _send_many(sender, count: int, tag: str) -> list[int]:
    acks = [sender.send(f"{tag} {i}", f"{tag}-{uuid.uuid4().hex}") for i in range(count)]
    assert all("id" in ack for ack in acks), acks
    return [ack["id"] for ack in acks]


def test_message_sent_through_one_process_reaches_a_participant_on_the_other(participants):
    sender, receiver = participants
    [message_id] = _send_many(sender, 1, "cross")
    assert receiver.wait_for(message_id)


def test_receiver_disconnected_mid_stream_gets_everything_once_in_order(participants):
    sender, receiver = participants
    first = _send_many(sender, 3, "before")
    assert receiver.wait_for(first[-1])
    receiver.close()
    missed = _send_many(sender, 5, "missed")
    receiver.connect()
    after = _send_many(sender, 2, "after")
    assert receiver.wait_for(after[-1]) and receiver.wait_for(missed[-1])
    got = [i for i in receiver.ids if i >= first[0]]
    assert got == first + missed + after


def test_receivers_server_restarted_while_messages_flow(deployment, participants):
    sender, receiver = participants
    first = _send_many(sender, 2, "up")
    assert receiver.wait_for(first[-1])
    deployment.server("b").stop()
    during = _send_many(sender, 4, "down")
    deployment.server("b").start()  # the client reconnects by itself and resyncs
    after = _send_many(sender, 2, "back")
    assert receiver.wait_for(after[-1]) and receiver.wait_for(during[-1])
    assert [i for i in receiver.ids if i >= first[0]] == first + during + after


def test_redis_restarted_while_messages_flow(deployment, participants):
    sender, receiver = participants
    first = _send_many(sender, 2, "r-up")
    assert receiver.wait_for(first[-1])
    deployment.redis.stop()
    during = _send_many(sender, 3, "r-down")  # stored; the live emit cannot cross processes
    deployment.redis.start()
    after = []
    for _ in range(30):  # until the servers' Redis listeners are back (they retry by themselves)
        after += _send_many(sender, 1, "r-back")
        if receiver.wait_for(after[-1], seconds=1):
            break
    assert receiver.wait_for(after[-1]) and receiver.wait_for(during[-1])
    assert [i for i in receiver.ids if i >= first[0]] == first + during + after
