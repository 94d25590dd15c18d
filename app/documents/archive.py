"""The zip streamer: an archive sent chunk by chunk, each member built only when it is reached."""
from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterable, Iterator

Member = tuple[str, bytes | Callable[[], bytes]]


class _Pipe(io.RawIOBase):
    """A write-only sink whose written bytes are taken out chunk by chunk."""

    def __init__(self):
        self.chunks: list[bytes] = []

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self.chunks.append(bytes(data))
        return len(data)

    def take(self) -> bytes:
        data, self.chunks = b"".join(self.chunks), []
        return data


def stream_zip(members: Iterable[Member]) -> Iterator[bytes]:
    """Yield a zip archive member by member (never the whole archive in memory); a member is
    (name, bytes) or (name, a function building the bytes when the archive reaches it)."""
    pipe = _Pipe()
    with zipfile.ZipFile(pipe, mode="w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data() if callable(data) else data)
            yield pipe.take()
    yield pipe.take()
