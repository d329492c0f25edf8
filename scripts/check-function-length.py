#!/usr/bin/env python3
"""Lists C/C++ function bodies longer than a limit (default 80 lines) in the given trees.

A heuristic, not a parser: a function body is a '{' that follows a ')' (optionally with const,
noexcept, override, a trailing return type or a constructor's initialiser list) at brace depth
0 or inside a namespace/class/struct body, matched to its '}'. Lambdas inside a body count toward
that body. Comments and string literals are blanked first. Exit 1 when any body is too long.
Usage: scripts/check-function-length.py [--max N] DIR...
"""
import os
import re
import sys

HEX = "0123456789abcdefABCDEF"  # digits a digit separator (60'000) may sit between

EXTS = (".c", ".h", ".cpp", ".hpp")


def blank(text):
    # Comments, string and char literals (raw strings included) become spaces; newlines stay.
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c == "R" and text.startswith('R"', i) and (i == 0 or not (text[i-1].isalnum() or text[i-1] == "_")):
            m = re.match(r'R"([^(\s]*)\(', text[i:])
            if not m:
                out.append(c); i += 1; continue
            end = ")" + m.group(1) + '"'
            j = text.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c == "'" and i > 0 and text[i-1] in HEX and i + 1 < n and text[i+1] in HEX:
            out.append(c); i += 1  # a digit separator (60'000), not a character literal
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(c + re.sub(r"[^\n]", " ", text[i+1:j-1]) + c if j - i >= 2 else text[i:j]); i = j
        else:
            out.append(c); i += 1
    return "".join(out)


HEAD = re.compile(r"\)\s*(const\s*)?(noexcept\s*(\([^)]*\))?\s*)?(override\s*|final\s*)*(->\s*[\w:<>,\s*&]+)?\s*$")
CTOR_INIT = re.compile(r"\)\s*:\s*[\w:]+\s*[({]", re.S)


def long_functions(path, limit):
    text = blank(open(path, encoding="utf-8", errors="replace").read())
    found, stack = [], []  # stack of (kind, start_line)
    for i, c in enumerate(text):
        if c == "{":
            before = text[max(0, i - 400):i]
            in_function = any(k == "fn" for k, _ in stack)
            is_fn = not in_function and (HEAD.search(before) or (CTOR_INIT.search(before) and re.search(r"[)}]\s*$", before)))
            stack.append(("fn" if is_fn else "blk", text.count("\n", 0, i) + 1))
        elif c == "}" and stack:
            kind, start = stack.pop()
            if kind == "fn":
                end = text.count("\n", 0, i) + 1
                if end - start + 1 > limit:
                    found.append((start, end - start + 1))
    return found


def main(argv):
    limit, dirs = 80, []
    it = iter(argv)
    for a in it:
        if a == "--max":
            limit = int(next(it))
        else:
            dirs.append(a)
    bad = 0
    for d in dirs:
        for root, _, files in os.walk(d):
            for f in sorted(files):
                if f.endswith(EXTS):
                    p = os.path.join(root, f)
                    for line, length in long_functions(p, limit):
                        print(f"{p}:{line}: a function of {length} lines (limit {limit})")
                        bad += 1
    if bad:
        return 1
    print(f"function length: no function over {limit} lines in {', '.join(dirs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
