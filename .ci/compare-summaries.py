#!/usr/bin/env python3
"""Checks that two summary.json files hold the same numbers.

Usage: compare-summaries.py [--ignore KEY,...] A/summary.json B/summary.json

Every value of the two files (numbers, flags, texts) is compared exactly (same path, same value),
except wall-clock times (any key with "seconds" in it) and fields that name where a run happened
rather than what it computed (data.source, configs[].from_cache), and the top-level keys given with
--ignore (e.g. device_requested,device_reason,device_fell_back for a GPU build that fell back to the
CPU against a CPU run). Each recipe's train/test loss and
accuracy and its slice sharpness at every radius must be among the compared values. Prints those,
then OK with the count of compared values; exits 1 on the first kind of difference found.
"""
import json
import sys

SKIP_KEYS = {"from_cache"}
SKIP_PATHS = {"data.source"}


def leaves(node, path="", ignore=frozenset()):
    """Yields (path, value) for every leaf: number, boolean, string or null."""
    if isinstance(node, dict):
        for key, value in node.items():
            if "seconds" in key or key in SKIP_KEYS:
                continue
            sub = f"{path}.{key}" if path else key
            if sub in SKIP_PATHS or sub in ignore:
                continue
            yield from leaves(value, sub, ignore)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from leaves(value, f"{path}[{i}]", ignore)
    else:
        yield path, node


def main(a_path, b_path, ignore=frozenset()):
    with open(a_path) as f:
        a = json.load(f)
    with open(b_path) as f:
        b = json.load(f)
    a_leaves = dict(leaves(a, "", ignore))
    b_leaves = dict(leaves(b, "", ignore))

    required = []
    for i, config in enumerate(a.get("configs", [])):
        for key in ("train_loss", "train_accuracy", "test_loss", "test_accuracy"):
            required.append(f"configs[{i}].{key}")
        for radius in config.get("sharpness", {}).get("slice", {}):
            required.append(f"configs[{i}].sharpness.slice.{radius}")
    if not required:
        print(f"compare: {a_path} has no recipes", file=sys.stderr)
        return 1

    problems = []
    for path in required:
        if path not in a_leaves or path not in b_leaves:
            problems.append(f"{path}: missing")
    only_a = sorted(set(a_leaves) - set(b_leaves))
    only_b = sorted(set(b_leaves) - set(a_leaves))
    for path in only_a[:5]:
        problems.append(f"{path}: only in {a_path}")
    for path in only_b[:5]:
        problems.append(f"{path}: only in {b_path}")
    differ = [p for p in a_leaves if p in b_leaves and a_leaves[p] != b_leaves[p]]
    for path in differ[:20]:
        problems.append(f"{path}: {a_leaves[path]!r} != {b_leaves[path]!r}")

    for i, config in enumerate(a.get("configs", [])):
        name = config.get("name", f"configs[{i}]")
        s = config.get("sharpness", {}).get("slice", {})
        print(f"  {name}: train loss {config.get('train_loss')}, train acc "
              f"{config.get('train_accuracy')}, test loss {config.get('test_loss')}, test acc "
              f"{config.get('test_accuracy')}, slice sharpness "
              + ", ".join(f"S({r}) {v}" for r, v in s.items()))
    if problems:
        for p in problems:
            print(f"compare: {p}", file=sys.stderr)
        print(f"compare: {len(differ)} of {len(a_leaves)} values differ", file=sys.stderr)
        return 1
    left_out = ", ".join(["wall-clock times", "data.source", "from_cache", *sorted(ignore)])
    print(f"compare: OK, all {len(a_leaves)} values equal ({left_out} left out)")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    ignored = frozenset()
    if len(args) == 4 and args[0] == "--ignore":
        ignored = frozenset(k for k in args[1].split(",") if k)
        args = args[2:]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        sys.exit(2)
    sys.exit(main(args[0], args[1], ignored))
