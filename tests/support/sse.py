"""Reading a `text/event-stream` body, as the API's streams send it."""

from __future__ import annotations

import json
from typing import Any


def sse_events(body: str) -> list[tuple[str, Any]]:
    """(event name, decoded data) for each event of a `text/event-stream` body."""
    events = []
    for block in body.strip().split("\n\n"):
        name, data = "message", []
        for line in block.splitlines():
            if line.startswith("event: "):
                name = line.removeprefix("event: ")
            elif line.startswith("data: "):
                data.append(line.removeprefix("data: "))
        raw = "\n".join(data)
        events.append((name, raw if raw == "[DONE]" else json.loads(raw)))
    return events
