#!/usr/bin/env python3
"""A Cognito Sync "Sync Trigger" handler in Python, run through the command protocol or a Lambda runtime.

The event JSON arrives on stdin; the reply JSON goes to stdout; logs go to stderr (docs/command-protocol.md):

    npx cognito-sync-conformance run --command "python3 examples/python/sync_trigger.py"

With `--persistent` (or when the harness sets CSC_PERSISTENT=1) one process answers every event: one event per line
on stdin, one reply per line on stdout, and a failure as `!` followed by the error payload:

    npx cognito-sync-conformance run --command "python3 examples/python/sync_trigger.py --persistent" --persistent

As a Lambda function (or through the Lambda Runtime API, docs/runtime-api.md) the handler is
`sync_trigger.lambda_handler`:

    npx cognito-sync-conformance run --bootstrap "python3 -m awslambdaric sync_trigger.lambda_handler"

It does what the sample in the AWS documentation does -- rewrite one key, remove one, add one -- plus one
validation, with the guards the sample lacks:

- `score` must be a whole number (0 to 999999999). A change to anything else is refused: the previous value is
  written back, or the record is removed when it had none. Records the user did not change are left alone, so a
  value stored before the rule does not churn on every sync.
- `name` is rewritten to upper case (unless the user removed it: forcing `replace` would bring it back).
- `temp` is removed (`op: "remove"`; deleting the key would mean "ignore", not "remove").
- `schemaVersion` is added as "2" when absent. Deterministic on purpose: a timestamp written on every run would
  change the dataset on every sync (not idempotent under retries).

Every change that makes the dataset bigger is made only when it stays within the limits (1,024 records, 1 MB of
UTF-8 keys and values). Every other record is echoed untouched (a record left out of the reply drops the user's
change), and `null` entries (amazon-cognito-js#61) are passed through as they came. An event that is not a Sync
Trigger event is echoed unchanged. Standard library only.
"""

import json
import os
import re
import sys
import traceback

MAX_RECORDS = 1024
MAX_DATASET_BYTES = 1024 * 1024
SCORE = re.compile(r"0|[1-9][0-9]{0,8}")


def _bytes(text):
    # surrogatepass: a lone surrogate (legal in JSON text) counts 3 bytes, as a UTF-8 encoder that replaces it would.
    return len(text.encode("utf-8", "surrogatepass"))


def _is_live(record):
    return isinstance(record, dict) and record.get("op") != "remove" and isinstance(record.get("newValue"), str)


class Budget:
    """The record count and size the reply leaves, so that a change can be checked against the limits first."""

    def __init__(self, records):
        self.count = 0
        self.size = 0
        for key, record in records.items():
            self.size += _bytes(key)
            if _is_live(record):
                self.count += 1
                self.size += _bytes(record["newValue"])

    def take(self, size, count=0):
        """Reserves `size` more bytes and `count` more records; False (and nothing reserved) when they do not fit.
        Shrinking always fits."""
        grows = size > 0 or count > 0
        if grows and (self.size + size > MAX_DATASET_BYTES or self.count + count > MAX_RECORDS):
            return False
        self.size += size
        self.count += count
        return True


def _set_value(record, value, budget):
    """Replaces a live record's value when the dataset stays within the limits; True when it did."""
    if not budget.take(_bytes(value) - _bytes(record["newValue"])):
        return False
    record["newValue"] = value
    record["op"] = "replace"
    return True


def validate_score(records, budget):
    score = records.get("score")
    if not _is_live(score) or score["newValue"] == score.get("oldValue") or SCORE.fullmatch(score["newValue"]):
        return
    refused = score["newValue"]
    previous = score.get("oldValue")
    if isinstance(previous, str) and _set_value(score, previous, budget):
        outcome = f"kept {previous[:40]!r}"
    else:
        budget.take(-_bytes(refused), -1)
        score["op"] = "remove"
        outcome = "removed"
    print(f"score: refused {refused[:40]!r} (not a whole number), {outcome}", file=sys.stderr)


def rewrite_name(records, budget):
    name = records.get("name")
    if _is_live(name) and name["newValue"].upper() != name["newValue"]:
        _set_value(name, name["newValue"].upper(), budget)


def remove_temp(records, budget):
    temp = records.get("temp")
    if isinstance(temp, dict) and temp.get("op") != "remove":
        if _is_live(temp):
            budget.take(-_bytes(temp["newValue"]), -1)
        temp["op"] = "remove"


def add_schema_version(records, budget):
    key, value = "schemaVersion", "2"
    if key not in records and budget.take(_bytes(key) + _bytes(value), 1):
        records[key] = {"newValue": value, "op": "replace"}


def handle(event):
    """Returns the reply for one event: the event itself, with `datasetRecords` changed."""
    if not isinstance(event, dict) or event.get("eventType") != "SyncTrigger":
        return event
    records = event.get("datasetRecords")
    if not isinstance(records, dict):
        return event
    budget = Budget(records)
    validate_score(records, budget)
    rewrite_name(records, budget)
    remove_temp(records, budget)
    add_schema_version(records, budget)
    return event


def lambda_handler(event, context):
    """The Lambda entry point (`sync_trigger.lambda_handler`)."""
    return handle(event)


def _error(e):
    """An exception as a Lambda runtime reports a handler error."""
    trace = "".join(traceback.format_exception(type(e), e, e.__traceback__)).splitlines()
    return {"errorType": type(e).__name__, "errorMessage": str(e), "trace": trace}


def _reply_bytes(event):
    # ensure_ascii=False: the default escapes every non-ASCII character as \uXXXX (up to 12 bytes for one emoji), so
    # a dataset near Cognito's 1 MB limit could come back past Lambda's 6 MB response payload limit.
    return json.dumps(handle(event), separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def main():
    try:
        # Bytes in, UTF-8 bytes out: the locale's encoding never matters.
        reply = _reply_bytes(json.loads(sys.stdin.buffer.read()))
    except Exception as e:  # reported the way a Lambda runtime reports a handler error
        json.dump(_error(e), sys.stdout)
        return 1
    sys.stdout.buffer.write(reply)
    return 0


def serve():
    """The persistent protocol: a reply line per event line, until stdin ends. Split on b"\n" only: a JSON text may
    hold U+2028, which text-mode line splitting would cut."""
    out = sys.stdout.buffer
    for line in sys.stdin.buffer:
        try:
            out.write(_reply_bytes(json.loads(line)) + b"\n")
        except Exception as e:  # one bad event fails that event, not the process
            out.write(b"!" + json.dumps(_error(e)).encode("utf-8") + b"\n")
        out.flush()
    return 0


if __name__ == "__main__":
    persistent = "--persistent" in sys.argv[1:] or os.environ.get("CSC_PERSISTENT") == "1"
    sys.exit(serve() if persistent else main())
