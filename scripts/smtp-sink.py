#!/usr/bin/env python3
"""A real SMTP server for tdkt's tests: accepts every message and stores it in a directory.

    scripts/smtp-sink.py DIR [--port PORT] [--host 127.0.0.1]

Each message becomes two files in DIR, written atomically (a temporary name, then a rename):
  NNNNNN-<pid>.eml   the message as received (the bytes after DATA);
  NNNNNN-<pid>.json  {"mail_from", "rcpt_tos", "subject", "to", "from", "date", "message_id",
                      "headers": {name: value}, "body"} with the subject and the text body decoded,
                      so tests need no MIME decoder of their own.

Prints one line "smtp-sink listening on HOST:PORT" on stdout once the server accepts connections,
and runs until SIGTERM or SIGINT. Needs aiosmtpd (python3 -m pip install --user aiosmtpd);
scripts/test installs it when missing.
"""

import argparse
import email
import email.policy
import itertools
import json
import os
import signal
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, directory: str):
        self.directory = directory
        self.counter = itertools.count(1)

    def _write(self, name: str, data: bytes) -> None:
        tmp = os.path.join(self.directory, "." + name + ".tmp")
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, os.path.join(self.directory, name))

    async def handle_DATA(self, server, session, envelope):
        n = next(self.counter)
        stem = f"{n:06d}-{os.getpid()}"
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        part = msg.get_body(preferencelist=("plain", "html"))
        body = part.get_content() if part is not None else ""
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "subject": str(msg.get("Subject", "")),
            "from": str(msg.get("From", "")),
            "to": str(msg.get("To", "")),
            "date": str(msg.get("Date", "")),
            "message_id": str(msg.get("Message-ID", "")),
            "headers": {k: str(v) for k, v in msg.items()},
            "body": body,
        }
        # The raw message first: a test that sees the JSON may read the .eml too.
        self._write(stem + ".eml", raw)
        self._write(stem + ".json", json.dumps(record, ensure_ascii=False, indent=1).encode("utf-8"))
        return "250 Message accepted for delivery"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("directory")
    ap.add_argument("--port", type=int, default=2525)
    ap.add_argument("--host", default="127.0.0.1")
    args = ap.parse_args()
    os.makedirs(args.directory, exist_ok=True)
    controller = Controller(Sink(args.directory), hostname=args.host, port=args.port)
    controller.start()
    print(f"smtp-sink listening on {args.host}:{args.port}", flush=True)

    # The controller serves from a thread of its own; this one waits for a signal.
    signals = [signal.SIGTERM, signal.SIGINT]
    received = []

    def on_signal(signum, _frame):
        received.append(signum)

    for s in signals:
        signal.signal(s, on_signal)
    try:
        while not received:
            signal.pause()
    finally:
        controller.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
