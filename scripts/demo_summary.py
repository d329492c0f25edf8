#!/usr/bin/env python3
"""Shortens what erp-host prints, for scripts/demo.sh: reads its output line by line and prints

  - a JSON answer (a line holding one JSON object) as a few lines: scalars as `key: value`, lists as
    their length and first two items, nested objects on one line; long strings cut;
  - an event line (`event [account] {...}`) as its type and a short form of its data;
  - every other line (progress, text) as it is, cut to a sane width.

Lines are printed as they arrive, so live progress stays live. The full text is what demo.sh saves
beside it (KEEP=1 keeps it).

  erp-host invoke ACCOUNT CAPABILITY REQUEST | demo_summary.py [MAX_LINES_PER_ANSWER]
"""
import json
import sys

WIDTH = 110


def cut(text, width=WIDTH):
    text = str(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def scalar(value):
    return value if isinstance(value, str) else json.dumps(value)


def count(items):
    return f"{len(items)} item{'' if len(items) == 1 else 's'}"


# Members every record repeats (the account and shop are in the step's title), left out of one-liners.
BORING = {"schema", "marketplace", "account_id", "shop_id", "raw"}


def one_line(value):
    """An object as its members on one line (nested lists and objects only named)."""
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if key in BORING:
                continue
            if isinstance(item, list):
                parts.append(f"{key}: [{count(item)}]")
            elif isinstance(item, dict):
                parts.append(f"{key}: {{{', '.join(item.keys())}}}")
            else:
                parts.append(f"{key}={scalar(item)}")
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, list):
        return f"[{count(value)}]"
    return scalar(value)


def summarise(answer, max_lines):
    # {"order": {...}}: the one record is what matters, so its members get the lines.
    if len(answer) == 1:
        (key, value), = answer.items()
        if isinstance(value, dict):
            return ["  " + key + ":"] + ["  " + line for line in summarise(value, max_lines)]
    lines = []
    for key, value in answer.items():
        if key in BORING:
            continue
        if isinstance(value, list):
            lines.append(f"{key}: {count(value)}")
            lines.extend("  - " + cut(one_line(item), WIDTH - 6) for item in value[:2])
            if len(value) > 2:
                lines.append(f"  - ... {len(value) - 2} more")
        elif isinstance(value, dict):
            lines.append(cut(f"{key}: {one_line(value)}"))
        else:
            lines.append(cut(f"{key}: {scalar(value)}"))
    if len(lines) > max_lines:
        lines = lines[:max_lines] + [f"... {len(lines) - max_lines} more lines"]
    return ["  " + line for line in lines]


def parse_object(text):
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        return None
    return value if isinstance(value, dict) else None


def shorten(line, max_lines):
    stripped = line.strip()
    answer = parse_object(stripped) if stripped.startswith("{") else None
    if answer is not None:
        return summarise(answer, max_lines)
    if stripped.startswith("event [") and "] {" in stripped:
        head, _, body = stripped.partition("] ")
        event = parse_object(body)
        if event is not None:
            data = event.get("data", {})
            return [cut(f"{head}] {event.get('type', '?')} {one_line(data) if data else ''}")]
    return [cut(line.rstrip("\n"), 200)]


def main():
    max_lines = int(sys.argv[1]) if len(sys.argv) > 1 else 14
    for line in sys.stdin:
        for out in shorten(line, max_lines):
            print(out, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
