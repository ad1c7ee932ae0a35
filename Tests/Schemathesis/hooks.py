"""schemathesis hooks for the team server (loaded through SCHEMATHESIS_HOOKS by SchemathesisTests).

A push's body is JSON Lines (application/x-ndjson), which schemathesis has no serializer for: a
string goes as its UTF-8 bytes, anything else as one line of JSON.
"""
import json

import schemathesis


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx, value):
    if isinstance(value, bytes):
        return {"data": value}
    if isinstance(value, str):
        return {"data": value.encode("utf-8", "surrogatepass")}
    return {"data": (json.dumps(value) + "\n").encode("utf-8")}
