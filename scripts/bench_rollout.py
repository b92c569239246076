"""Builds large paginated threads for scripts/bench.py: ~10,000 lines, ~200 turns with command calls.

The thread is made from a real one-turn rollout (a seed written by the binary being measured, so each binary
reads its own format): the seed's turn, from `task_started` to `task_complete`, is repeated with fresh turn ids,
each copy's command call repeated until the file holds about `target_lines` lines, ordinals renumbered.
"""
import json
import os
import uuid


def build_large_thread(seed_path, codex_home, target_lines=10_000, turns=200):
    """Writes the large thread into codex_home/sessions (a new id); returns (thread id, line count)."""
    with open(seed_path) as handle:
        lines = [json.loads(line) for line in handle if line.strip()]
    meta = lines[0]
    old_id = meta["payload"]["id"]
    start = next(i for i, line in enumerate(lines) if _event(line) == "task_started")
    end = next(i for i, line in enumerate(lines) if _event(line) == "task_complete")
    turn = lines[start:end + 1]
    # The command part of the turn: from the function_call to its output (inclusive).
    call = next((i for i, line in enumerate(turn) if line["payload"].get("type") == "function_call"), None)
    if call is None:
        raise ValueError(f"{seed_path}: the seed turn has no command call")
    call_id = turn[call]["payload"]["call_id"]
    output = next(i for i, line in enumerate(turn) if line["payload"].get("type") == "function_call_output"
                  and line["payload"].get("call_id") == call_id)
    head, command, tail = turn[:call], turn[call:output + 1], turn[output + 1:]
    repeats = max(1, (target_lines // turns - len(head) - len(tail)) // len(command))

    new_id = str(uuid.UUID(old_id[:14] + "7" + old_id[15:]))  # keep the v7 time prefix
    new_id = new_id[:24] + uuid.uuid4().hex[:12]
    out = [_retag(meta, old_id, new_id)]
    old_turn_id = _event_payload(turn[0]).get("turn_id")
    for number in range(turns):
        turn_id = str(uuid.uuid4())
        block = head + [line for copy in range(repeats) for line in _with_call_id(command, call_id, copy)] + tail
        for line in block:
            out.append(_retag(line, old_id, new_id, old_turn_id, turn_id))
    for ordinal, line in enumerate(out):
        if "ordinal" in lines[0]:
            line["ordinal"] = ordinal
    name = os.path.basename(seed_path).replace(old_id, new_id)
    folder = os.path.join(codex_home, "sessions", *name[len("rollout-"):len("rollout-") + 10].split("-"))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "w") as handle:
        for line in out:
            handle.write(json.dumps(line, separators=(",", ":")) + "\n")
    return new_id, len(out)


def _event(line):
    return line["payload"].get("type") if line["type"] == "event_msg" else None


def _event_payload(line):
    return line["payload"] if isinstance(line["payload"], dict) else {}


def _with_call_id(lines, call_id, copy):
    new_call = f"{call_id}_{copy}"
    return [json.loads(json.dumps(line).replace(call_id, new_call)) for line in lines]


def _retag(line, old_id, new_id, old_turn_id=None, turn_id=None):
    text = json.dumps(line).replace(old_id, new_id)
    if old_turn_id and turn_id:
        text = text.replace(old_turn_id, turn_id)
    return json.loads(text)
