#!/usr/bin/env python3
"""Short summary of one `erp-host --json invoke` answer, for scripts/demo.sh.

Reads the report on stdin and prints the capability's answer a few lines long: scalars as
`key: value`, lists as their length and first items, nested objects one level deep. Long strings
are cut. On a failed call it prints the errors. The full answer is kept in the demo's directory.

  erp-host --json invoke ACCOUNT CAPABILITY REQUEST | demo_summary.py [MAX_LINES]
"""
import json
import sys

WIDTH = 100


def cut(text, width=WIDTH):
    text = str(text)
    return text if len(text) <= width else text[: width - 1] + "…"


def scalar(value):
    if isinstance(value, str):
        return value
    return json.dumps(value)


def one_line(value):
    """A compact one-line form of a value: an object shows its scalar members."""
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if isinstance(item, (dict, list)):
                parts.append(f"{key}: {describe(item)}")
            else:
                parts.append(f"{key}={scalar(item)}")
        return "{" + ", ".join(parts) + "}"
    if isinstance(value, list):
        return describe(value)
    return scalar(value)


def describe(value):
    if isinstance(value, list):
        return f"[{len(value)} item{'s' if len(value) != 1 else ''}]"
    if isinstance(value, dict):
        return "{" + ", ".join(value.keys()) + "}"
    return scalar(value)


def summarise(answer, max_lines):
    lines = []
    for key, value in answer.items():
        if isinstance(value, list):
            lines.append(f"{key}: {len(value)} item{'s' if len(value) != 1 else ''}")
            for item in value[:2]:
                lines.append("  - " + cut(one_line(item), WIDTH - 4))
            if len(value) > 2:
                lines.append(f"  - ... {len(value) - 2} more")
        elif isinstance(value, dict):
            lines.append(cut(f"{key}: {one_line(value)}"))
        else:
            lines.append(cut(f"{key}: {scalar(value)}"))
    if len(lines) > max_lines:
        lines = lines[:max_lines] + [f"... {len(lines) - max_lines} more lines"]
    return lines


def main():
    max_lines = int(sys.argv[1]) if len(sys.argv) > 1 else 14
    text = sys.stdin.read()
    try:
        report = json.loads(text.strip().splitlines()[-1]) if text.strip() else {}
    except (json.JSONDecodeError, IndexError):
        print(cut(text.strip(), 400))
        return 1
    if not report.get("ok", False):
        for error in report.get("errors", []) or ["(no answer)"]:
            print("error: " + cut(error, 300))
        return report.get("exit_code", 1) or 1
    answer = report.get("response")
    if isinstance(answer, dict):
        for line in summarise(answer, max_lines):
            print(line)
    elif answer is not None:
        print(cut(scalar(answer), 400))
    return 0


if __name__ == "__main__":
    sys.exit(main())
