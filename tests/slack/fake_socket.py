"""A minimal Socket Mode server: a stdlib websocket endpoint that pushes envelopes to the bot
and records the acknowledgements it sends back (RFC 6455 handshake and frames, text only)."""

from __future__ import annotations

import base64
import hashlib
import json
import queue
import socket
import struct
import threading
from typing import Any

GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


def _recv_exact(conn: socket.socket, n: int) -> bytes:
    data = b""
    while len(data) < n:
        chunk = conn.recv(n - len(data))
        if not chunk:
            raise ConnectionError("closed")
        data += chunk
    return data


def _frame(opcode: int, payload: bytes) -> bytes:
    head = bytes([0x80 | opcode])
    n = len(payload)
    if n < 126:
        head += bytes([n])
    elif n < 65536:
        head += bytes([126]) + struct.pack("!H", n)
    else:
        head += bytes([127]) + struct.pack("!Q", n)
    return head + payload


class FakeSocketMode:
    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.received: queue.Queue[dict[str, Any]] = queue.Queue()
        self.connected = threading.Event()
        self._conn: socket.socket | None = None
        self._lock = threading.Lock()
        threading.Thread(target=self._serve, daemon=True).start()

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/link/?ticket=test"

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._session, args=(conn,), daemon=True).start()

    def _session(self, conn: socket.socket) -> None:
        request = b""
        while b"\r\n\r\n" not in request:
            request += conn.recv(4096)
        key = next(
            line.split(":", 1)[1].strip()
            for line in request.decode().split("\r\n")
            if line.lower().startswith("sec-websocket-key:")
        )
        accept = base64.b64encode(hashlib.sha1((key + GUID).encode()).digest()).decode()
        conn.sendall(
            (
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                f"Sec-WebSocket-Accept: {accept}\r\n\r\n"
            ).encode()
        )
        with self._lock:
            self._conn = conn
        self.send({"type": "hello", "num_connections": 1, "debug_info": {"host": "fake"}})
        self.connected.set()
        try:
            while True:
                first, second = _recv_exact(conn, 2)
                opcode, masked, n = first & 0x0F, second & 0x80, second & 0x7F
                if n == 126:
                    n = struct.unpack("!H", _recv_exact(conn, 2))[0]
                elif n == 127:
                    n = struct.unpack("!Q", _recv_exact(conn, 8))[0]
                mask = _recv_exact(conn, 4) if masked else b"\0\0\0\0"
                data = bytes(b ^ mask[i % 4] for i, b in enumerate(_recv_exact(conn, n)))
                if opcode == 0x9:  # ping
                    with self._lock:
                        conn.sendall(_frame(0xA, data))
                elif opcode == 0x8:  # close
                    return
                elif opcode == 0x1:
                    self.received.put(json.loads(data))
        except (ConnectionError, OSError):
            return

    def send(self, message: dict[str, Any]) -> None:
        with self._lock:
            assert self._conn is not None
            self._conn.sendall(_frame(0x1, json.dumps(message).encode()))

    def close(self) -> None:
        self.listener.close()
        with self._lock:
            if self._conn is not None:
                self._conn.close()
