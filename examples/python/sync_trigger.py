#!/usr/bin/env python3
"""A Cognito Sync "Sync Trigger" handler in Python, run through the command protocol.

The event JSON arrives on stdin; the reply JSON goes to stdout (see docs/command-protocol.md). It does what the
sample in the AWS documentation does -- rewrite one key, remove one, add one -- with the guards the sample lacks:

- `name` is rewritten to upper case (unless the user removed it: forcing `replace` would bring it back);
- `temp` is removed (`op: "remove"`);
- `schemaVersion` is added as "2" when absent, within the dataset limits. Deterministic on purpose: a timestamp
  written on every run would change the dataset on every sync (not idempotent under retries).

Every other record is echoed untouched (a record left out of the reply drops the user's change), and `null`
entries (amazon-cognito-js#61) are passed through as they came. Standard library only.
"""

import json
import sys

MAX_RECORDS = 1024
MAX_DATASET_BYTES = 1024 * 1024


def _utf8_len(text):
    return len(text.encode("utf-8"))


def _can_add(records, key, value):
    """True when one more record stays within the dataset limits (count and size of live records)."""
    count = 0
    size = _utf8_len(key) + _utf8_len(value)
    for k, r in records.items():
        live = isinstance(r, dict) and r.get("op") != "remove" and isinstance(r.get("newValue"), str)
        if live:
            count += 1
            size += _utf8_len(k) + _utf8_len(r["newValue"])
        else:
            size += _utf8_len(k)
    return count < MAX_RECORDS and size <= MAX_DATASET_BYTES


def handle(event):
    """Returns the reply for one Sync Trigger event (the event, with `datasetRecords` changed)."""
    if not isinstance(event, dict) or event.get("eventType") != "SyncTrigger":
        return event
    records = event.get("datasetRecords")
    if not isinstance(records, dict):
        return event

    name = records.get("name")
    if isinstance(name, dict) and name.get("op") != "remove" and isinstance(name.get("newValue"), str):
        name["newValue"] = name["newValue"].upper()
        name["op"] = "replace"

    temp = records.get("temp")
    if isinstance(temp, dict):
        temp["op"] = "remove"

    if "schemaVersion" not in records and _can_add(records, "schemaVersion", "2"):
        records["schemaVersion"] = {"newValue": "2", "op": "replace"}
    return event


def main():
    try:
        event = json.load(sys.stdin)
        reply = handle(event)
    except Exception as e:  # reported the way a Lambda runtime reports a handler error
        json.dump({"errorType": type(e).__name__, "errorMessage": str(e)}, sys.stdout)
        return 1
    json.dump(reply, sys.stdout, separators=(",", ":"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
