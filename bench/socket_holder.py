"""Holds N authenticated /chat sockets open (asyncio, python-socketio's AsyncClient over
WebSocket) until stdin closes: the open tabs of the throughput benchmark (bench/throughput.py).

    python bench/socket_holder.py URL TOKEN N    (prints "ready N" once all are connected)
"""
from __future__ import annotations

import asyncio
import sys

import socketio

NS = "/chat"


async def hold(url: str, token: str, count: int) -> None:
    clients = [socketio.AsyncClient(reconnection=False) for _ in range(count)]
    await asyncio.gather(*(c.connect(url, auth={"token": token}, namespaces=[NS],
                                     transports=["websocket"], wait_timeout=60)
                           for c in clients))
    answers = await asyncio.gather(*(c.call("unread", {}, namespace=NS, timeout=60)
                                     for c in clients))
    assert all("total" in a for a in answers), answers[:3]
    print(f"ready {len(clients)}", flush=True)
    await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
    await asyncio.gather(*(c.disconnect() for c in clients))


if __name__ == "__main__":
    asyncio.run(hold(sys.argv[1], sys.argv[2], int(sys.argv[3])))
