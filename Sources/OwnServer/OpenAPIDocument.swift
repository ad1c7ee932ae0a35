import OwnCore

/// The OpenAPI 3.1 document of every route, served as-is at `/openapi.json`. A test checks that its
/// paths and methods are exactly the router's, so it cannot drift from the server.
public enum OpenAPIDocument {
    /// The document's JSON text: `written`, with the 503 every operation that checks a token may
    /// answer (`withUnavailable`).
    public static let text = withUnavailable(written)

    /// Adds to every operation that checks a token (all but those with `"security": []`) the 503 it
    /// answers when the token cannot be checked within the store's deadline: written once here, not
    /// beside each of them, where it was missing from all.
    static func withUnavailable(_ text: String) -> String {
        guard case .object(var document)? = try? JSONParser.parse(text),
            case .object(var paths)? = document["paths"], case .object(var components)? = document["components"],
            case .object(var responses)? = components["responses"]
        else { return text }
        responses["Unavailable"] = .object([
            "description": .string(
                "The token could not be checked within 5 seconds (the store is slow or out of reach); try again."
            ),
            "content": .object([
                "application/json": .object(["schema": .object(["$ref": "#/components/schemas/Error"])])
            ]),
        ])
        for (path, item) in paths {
            guard case .object(var operations) = item else { continue }
            for (method, operation) in operations {
                guard case .object(var fields) = operation, fields["security"] != .array([]),
                    case .object(var answers)? = fields["responses"], answers["503"] == nil
                else { continue }
                answers["503"] = .object(["$ref": "#/components/responses/Unavailable"])
                fields["responses"] = .object(answers)
                operations[method] = .object(fields)
            }
            paths[path] = .object(operations)
        }
        components["responses"] = .object(responses)
        document["components"] = .object(components)
        document["paths"] = .object(paths)
        return JSONWriter.string(.object(document))
    }

    /// The document as written.
    private static let written = #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "own team server", "version": "1",
            "description": "Every path here: HEAD answers wherever GET does (the same headers, no body); a method a path does not answer gets 405 with Allow; a refusal is a Refused body, but a request the HTTP parser cannot read (an unknown method, a line or header past its limits) gets 400 with no body. A body's content type is not checked: /api/v1/events reads JSON Lines, /api/v1/inbox/read JSON, whatever the header says."},
          "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"},
              "apiKey": {"type": "apiKey", "in": "header", "name": "X-Api-Key"}},
            "schemas": {
              "DayOrInstant": {"anyOf": [{"type": "string", "format": "date"},
                {"type": "string", "format": "date-time", "pattern": "(Z|z|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)$"}]},
              "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
              "Loop": {"type": "object", "required": ["key", "title", "owner", "state", "stakes", "kind"],
                "properties": {"key": {"type": "string"}, "number": {"type": "integer"}, "title": {"type": "string"},
                  "owner": {"type": "string"}, "state": {"type": "string"}, "stakes": {"type": "string"},
                  "kind": {"type": "string"}, "autonomy": {"type": "integer"}, "overdue": {"type": "boolean"},
                  "verified": {"type": "boolean"}, "monitoredBy": {"type": ["string", "null"]},
                  "origin": {"type": ["string", "null"]}, "ux": {"type": ["string", "null"]},
                  "touches": {"type": ["string", "null"]}, "ifItFails": {"type": ["string", "null"]},
                  "affects": {"type": "array", "items": {"type": "string"}},
                  "tags": {"type": "array", "items": {"type": "string"}},
                  "blockReason": {"type": ["string", "null"]},
                  "blockedSince": {"type": ["string", "null"], "format": "date-time"},
                  "changed": {"type": "string", "format": "date-time"},
                  "created": {"type": "string", "format": "date-time"},
                  "delegatedBy": {"type": ["string", "null"]}, "doneWhen": {"type": ["string", "null"]},
                  "due": {"anyOf": [{"$ref": "#/components/schemas/DayOrInstant"}, {"type": "null"}]},
                  "estimateHours": {"type": ["number", "null"]}, "outcome": {"type": ["string", "null"]},
                  "project": {"type": ["string", "null"]}, "stage": {"type": ["string", "null"]}}},
              "ReportItem": {"type": "object", "required": ["loop", "title"],
                "properties": {"loop": {"type": "string"}, "number": {"type": "integer"}, "title": {"type": "string"}}},
              "ReportItems": {"type": "array", "items": {"$ref": "#/components/schemas/ReportItem"}},
              "TimeOff": {"type": "array", "items": {"type": "object", "required": ["id", "person", "from", "until", "backup"],
                "properties": {"id": {"type": "string"}, "person": {"type": "string"}, "from": {"type": "string", "format": "date"},
                  "until": {"type": "string", "format": "date"}, "backup": {"type": ["string", "null"]},
                  "recordedAt": {"type": "string", "format": "date-time"}}}},
              "Standup": {"type": "object", "required": ["owner", "done", "progress", "new", "today", "blockers", "changes", "away"],
                "properties": {"owner": {"type": "string"}, "done": {"$ref": "#/components/schemas/ReportItems"},
                  "progress": {"$ref": "#/components/schemas/ReportItems"}, "new": {"$ref": "#/components/schemas/ReportItems"},
                  "today": {"$ref": "#/components/schemas/ReportItems"}, "blockers": {"$ref": "#/components/schemas/ReportItems"},
                  "changes": {"$ref": "#/components/schemas/ReportItems"}, "away": {"$ref": "#/components/schemas/TimeOff"}}},
              "Weekly": {"type": "object",
                "required": ["owner", "progress", "new", "decisions", "risks", "next", "guards", "notTakingOn", "away"],
                "properties": {"owner": {"type": "string"}, "progress": {"$ref": "#/components/schemas/ReportItems"},
                  "new": {"$ref": "#/components/schemas/ReportItems"}, "decisions": {"type": "array"},
                  "risks": {"type": "array"}, "next": {"type": "array"}, "guards": {"type": "array"},
                  "notTakingOn": {"type": "array", "items": {"type": "object", "required": ["id", "title", "person", "at", "reason", "told"],
                    "properties": {"id": {"type": "string"}, "title": {"type": "string"}, "person": {"type": "string"},
                      "at": {"type": "string", "format": "date-time"}, "reason": {"type": ["string", "null"]},
                      "told": {"type": "array", "items": {"type": "string"}}}}},
                  "away": {"$ref": "#/components/schemas/TimeOff"}}},
              "Brag": {"type": "object", "required": ["owner", "since", "until", "groups"],
                "properties": {"owner": {"type": "string"}, "since": {"type": "string", "format": "date"},
                  "until": {"type": "string", "format": "date"}, "groups": {"type": "array", "items": {"type": "object",
                    "required": ["kind", "stakes", "items"], "properties": {"kind": {"type": "string"},
                      "stakes": {"type": "string"}, "items": {"$ref": "#/components/schemas/ReportItems"}}}}}},
              "Notice": {"type": "object", "required": ["loop", "title", "owner", "to", "changes"],
                "properties": {"loop": {"type": "string"}, "number": {"type": "integer"}, "title": {"type": "string"},
                  "owner": {"type": "string"}, "to": {"type": "array", "items": {"type": "string"}},
                  "changes": {"type": "array"}, "workaround": {"type": ["string", "null"]},
                  "contingency": {"type": ["string", "null"]}, "overdue": {"type": "boolean"}}},
              "Finding": {"type": "object", "required": ["rule", "owner", "severity", "message"],
                "properties": {"rule": {"type": "string"}, "loop": {"type": ["string", "null"]},
                  "owner": {"type": "string"}, "severity": {"enum": ["info", "warning", "critical"]},
                  "since": {"type": ["string", "null"]}, "message": {"type": "string"}, "suggestion": {"type": "string"}}},
              "Check": {"type": "object", "required": ["name", "slug", "status", "grace", "n_pings", "uuid", "owner", "stakes"],
                "properties": {"name": {"type": "string"}, "slug": {"type": "string"}, "tags": {"type": "string"},
                  "desc": {"type": "string"}, "grace": {"type": "number"}, "n_pings": {"type": "integer"},
                  "status": {"enum": ["new", "up", "grace", "down", "paused", "started"]}, "started": {"type": "boolean"},
                  "last_ping": {"type": ["string", "null"]}, "next_ping": {"type": ["string", "null"]},
                  "uuid": {"type": "string"}, "ping_url": {"type": "string"}, "timeout": {"type": "number"},
                  "schedule": {"type": "string"}, "tz": {"type": "string"}, "owner": {"type": "string"},
                  "stakes": {"type": "string"}, "loop": {"type": ["string", "null"]}, "parent": {"type": ["string", "null"]},
                  "max_runtime": {"type": "number"}, "min_runtime": {"type": "number"}, "failure_tolerance": {"type": "integer"}}},
              "CheckSettings": {"type": "object",
                "properties": {"name": {"type": "string"}, "slug": {"type": "string"}, "tags": {"type": "string"},
                  "desc": {"type": "string"}, "timeout": {"type": "number"}, "grace": {"type": "number"},
                  "schedule": {"type": "string"}, "tz": {"type": "string"}, "owner": {"type": "string"},
                  "stakes": {"type": "string"}, "parent": {"type": ["string", "null"]}, "max_runtime": {"type": "number"},
                  "min_runtime": {"type": "number"}, "failure_tolerance": {"type": "integer"},
                  "unique": {"type": "array", "items": {"type": "string"}}}}
            },
            "parameters": {
              "at": {"name": "at", "in": "query", "required": false,
                "description": "Read as of this ISO-8601 instant: only events at or before it count.",
                "schema": {"type": "string", "format": "date-time", "pattern": "(Z|z|[+-](0[0-9]|1[0-3]):[0-5][0-9]|[+-]14:00)$"}},
              "person": {"name": "person", "in": "query", "required": false,
                "description": "Whose report: one person of the team (default: the token's person); all, none and nobody are refused, and a name the team does not know (no settings, token or loop) is 404.",
                "schema": {"type": "string"}},
              "since": {"name": "since", "in": "query", "required": false,
                "description": "Start of the window: a day (its start on the person's calendar) or an instant.",
                "schema": {"$ref": "#/components/schemas/DayOrInstant"}},
              "until": {"name": "until", "in": "query", "required": false,
                "description": "End of the window, included: a day (its end on the person's calendar) or an instant (default: now).",
                "schema": {"$ref": "#/components/schemas/DayOrInstant"}}
            },
            "responses": {
              "Refused": {"description": "A one-line JSON error that says what to fix.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}},
              "Ping": {"description": "healthchecks' reply: OK, not found, or invalid url format.",
                "headers": {"Ping-Body-Limit": {"schema": {"type": "integer"}}},
                "content": {"text/plain": {"schema": {"type": "string"}}}}
            }
          },
          "security": [{"bearer": []}],
          "paths": {
            "/health": {"get": {"security": [], "responses": {"200": {"description": "The server is up.",
              "content": {"application/json": {"schema": {"type": "object"}}}}}}},
            "/ready": {"get": {"security": [], "responses": {"200": {"description": "The server reads its store: point a load balancer's health check here.",
              "content": {"application/json": {"schema": {"type": "object"}}}},
              "503": {"description": "The store failed or did not answer within 2 s; error says which.",
              "content": {"application/json": {"schema": {"type": "object"}}}}}}},
            "/metrics": {"get": {"security": [], "responses": {"200": {"description": "Prometheus text format.",
              "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
            "/openapi.json": {"get": {"security": [], "responses": {"200": {"description": "This document.",
              "content": {"application/json": {"schema": {"type": "object"}}}}}}},
            "/ping/{uuid}": {"get": {"security": [], "parameters": [{"name": "uuid", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "rid", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"$ref": "#/components/responses/Ping"}, "400": {"$ref": "#/components/responses/Ping"},
                  "404": {"$ref": "#/components/responses/Ping"}}},
              "post": {"security": [], "parameters": [{"name": "uuid", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "rid", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"$ref": "#/components/responses/Ping"}, "400": {"$ref": "#/components/responses/Ping"},
                  "404": {"$ref": "#/components/responses/Ping"}}},
              "head": {"security": [], "parameters": [{"name": "uuid", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "rid", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"$ref": "#/components/responses/Ping"}, "400": {"$ref": "#/components/responses/Ping"},
                  "404": {"$ref": "#/components/responses/Ping"}}}},
            "/ping/{uuid}/{action}": {"get": {"security": [], "parameters": [{"name": "uuid", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "action", "in": "path", "required": true, "description": "start, fail, log or an exit status 0-255; or, after a ping key, the check's slug", "schema": {"type": "string"}}, {"name": "rid", "in": "query", "schema": {"type": "string"}}, {"name": "create", "in": "query", "description": "With a ping key and a slug: 1 creates the check when there is none (201).", "schema": {"type": "string"}}],
                "responses": {"200": {"$ref": "#/components/responses/Ping"}, "201": {"$ref": "#/components/responses/Ping"},
                  "400": {"$ref": "#/components/responses/Ping"}, "403": {"$ref": "#/components/responses/Ping"},
                  "404": {"$ref": "#/components/responses/Ping"}}},
              "post": {"security": [], "parameters": [{"name": "uuid", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "action", "in": "path", "required": true, "description": "start, fail, log or an exit status 0-255; or, after a ping key, the check's slug", "schema": {"type": "string"}}, {"name": "rid", "in": "query", "schema": {"type": "string"}}, {"name": "create", "in": "query", "description": "With a ping key and a slug: 1 creates the check when there is none (201).", "schema": {"type": "string"}}],
                "responses": {"200": {"$ref": "#/components/responses/Ping"}, "201": {"$ref": "#/components/responses/Ping"},
                  "400": {"$ref": "#/components/responses/Ping"}, "403": {"$ref": "#/components/responses/Ping"},
                  "404": {"$ref": "#/components/responses/Ping"}}},
              "head": {"security": [], "parameters": [{"name": "uuid", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "action", "in": "path", "required": true, "description": "start, fail, log or an exit status 0-255; or, after a ping key, the check's slug", "schema": {"type": "string"}}, {"name": "rid", "in": "query", "schema": {"type": "string"}}, {"name": "create", "in": "query", "description": "With a ping key and a slug: 1 creates the check when there is none (201).", "schema": {"type": "string"}}],
                "responses": {"200": {"$ref": "#/components/responses/Ping"}, "201": {"$ref": "#/components/responses/Ping"},
                  "400": {"$ref": "#/components/responses/Ping"}, "403": {"$ref": "#/components/responses/Ping"},
                  "404": {"$ref": "#/components/responses/Ping"}}}},
            "/api/v1/events": {
              "get": {"parameters": [
                  {"name": "after", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100000}}],
                "responses": {"200": {"description": "The team's events after the cursor, as JSON Lines.",
                  "headers": {"Own-Last-Seq": {"description": "The cursor for the next page: pass it as after. With no events after the cursor, the cursor, or the team's last seq when the cursor is past it (a server restored from a backup).",
                      "required": true, "schema": {"type": "integer", "minimum": 0}},
                    "Own-More": {"description": "true when the page is full and there may be another.",
                      "required": true, "schema": {"type": "string", "enum": ["true", "false"]}}},
                  "content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
                  "400": {"$ref": "#/components/responses/Refused"}, "401": {"$ref": "#/components/responses/Refused"}}},
              "post": {"requestBody": {"required": true,
                  "content": {"application/x-ndjson": {"schema": {"type": "string"}}}},
                "responses": {"200": {"description": "Stored: how many were added and skipped.",
                  "content": {"application/json": {"schema": {"type": "object",
                    "properties": {"added": {"type": "integer"}, "skipped": {"type": "integer"}, "lastSeq": {"type": "integer"}}}}}},
                  "400": {"$ref": "#/components/responses/Refused"}, "401": {"$ref": "#/components/responses/Refused"},
                  "403": {"$ref": "#/components/responses/Refused"}, "409": {"$ref": "#/components/responses/Refused"},
                  "413": {"$ref": "#/components/responses/Refused"}}}
            },
            "/api/v1/loops": {"get": {"parameters": [{"$ref": "#/components/parameters/at"},
                {"name": "owner", "in": "query", "description": "all, or one or more people, comma-separated.",
                  "schema": {"type": "string", "pattern": "^[^,]+(,[^,]+)*$"}},
                {"name": "state", "in": "query", "description": "One or more, comma-separated.",
                  "schema": {"type": "string", "pattern": "^(proposed|open|active|blocked|done|dropped)(,(proposed|open|active|blocked|done|dropped))*$"}},
                {"name": "kind", "in": "query", "description": "One or more, comma-separated.",
                  "schema": {"type": "string", "pattern": "^(feature|bug|test|docs|debt|monitoring|oncall|incident|review|help|process|other)(,(feature|bug|test|docs|debt|monitoring|oncall|incident|review|help|process|other))*$"}},
                {"name": "stakes", "in": "query", "description": "One or more, comma-separated.",
                  "schema": {"type": "string", "pattern": "^(routine|low|medium|high|critical)(,(routine|low|medium|high|critical))*$"}},
                {"name": "all", "in": "query", "description": "true: loops in every state, done and dropped too (default: the live ones).",
                  "schema": {"type": "string", "enum": ["true", "false"]}}],
              "responses": {"200": {"description": "The loops, as own list --json.",
                "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Loop"}}}}},
                "400": {"$ref": "#/components/responses/Refused"}, "401": {"$ref": "#/components/responses/Refused"}}}},
            "/api/v1/loops/{key}": {"get": {"parameters": [{"$ref": "#/components/parameters/at"},
                {"name": "key", "in": "path", "required": true, "schema": {"type": "string"}}],
              "responses": {"200": {"description": "The loop and its events, as own show --json.",
                "content": {"application/json": {"schema": {"type": "object", "required": ["loop", "events"],
                  "properties": {"loop": {"$ref": "#/components/schemas/Loop"}, "events": {"type": "array"},
                    "undone": {"type": "array", "items": {"type": "string"}, "description": "Ids of the events taken back."},
                    "takesBackNothing": {"type": "object", "additionalProperties": {"type": "string"},
                      "description": "Retractions that take nothing back, by id, with why."},
                    "changesNothing": {"type": "object", "additionalProperties": {"type": "string"},
                      "description": "Changes of owner and approvals that change nothing where they fold, by id, with why."}}}}}},
                "400": {"$ref": "#/components/responses/Refused"}, "401": {"$ref": "#/components/responses/Refused"},
                "404": {"$ref": "#/components/responses/Refused"}}}},
            "/api/v1/doctor": {"get": {"parameters": [{"$ref": "#/components/parameters/at"},
                {"name": "owner", "in": "query", "schema": {"type": "string"}}],
              "responses": {"200": {"description": "The findings, as own doctor --json.",
                "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}}},
                "400": {"$ref": "#/components/responses/Refused"}, "401": {"$ref": "#/components/responses/Refused"},
                "404": {"$ref": "#/components/responses/Refused"}}}},
            "/api/v1/reports/standup": {"get": {"parameters": [{"$ref": "#/components/parameters/at"},
                {"$ref": "#/components/parameters/person"}],
              "responses": {"200": {"description": "The standup draft, as own standup --json.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Standup"}}}},
                "400": {"$ref": "#/components/responses/Refused"}, "401": {"$ref": "#/components/responses/Refused"},
                "404": {"$ref": "#/components/responses/Refused"}}}},
            "/api/v1/reports/weekly": {"get": {"parameters": [{"$ref": "#/components/parameters/at"},
                {"$ref": "#/components/parameters/person"}, {"$ref": "#/components/parameters/since"},
                {"$ref": "#/components/parameters/until"}],
              "responses": {"200": {"description": "The weekly draft, as own weekly --json.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Weekly"}}}},
                "400": {"$ref": "#/components/responses/Refused"}, "401": {"$ref": "#/components/responses/Refused"},
                "404": {"$ref": "#/components/responses/Refused"}}}},
            "/api/v1/reports/brag": {"get": {"parameters": [{"$ref": "#/components/parameters/at"},
                {"$ref": "#/components/parameters/person"},
                {"name": "since", "in": "query", "required": true,
                  "description": "The first day (or the day of an instant).", "schema": {"$ref": "#/components/schemas/DayOrInstant"}},
                {"$ref": "#/components/parameters/until"}],
              "responses": {"200": {"description": "The brag document, as own brag --json.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Brag"}}}},
                "400": {"$ref": "#/components/responses/Refused"}, "401": {"$ref": "#/components/responses/Refused"},
                "404": {"$ref": "#/components/responses/Refused"}}}},
            "/api/v1/loops/{key}/notice": {"get": {"parameters": [{"$ref": "#/components/parameters/at"},
                {"name": "key", "in": "path", "required": true, "schema": {"type": "string"}},
                {"name": "workaround", "in": "query", "schema": {"type": "string"}},
                {"name": "contingency", "in": "query", "schema": {"type": "string"}}],
              "responses": {"200": {"description": "The notice draft, as own notice --json.",
                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Notice"}}}},
                "400": {"$ref": "#/components/responses/Refused"}, "401": {"$ref": "#/components/responses/Refused"},
                "404": {"$ref": "#/components/responses/Refused"}}}},
            "/ping/{uuid}/{action}/{kind}": {"get": {"security": [], "parameters": [{"name": "uuid", "in": "path", "required": true, "description": "The ping key: a token of the team.", "schema": {"type": "string"}}, {"name": "action", "in": "path", "required": true, "description": "The check's slug.", "schema": {"type": "string"}}, {"name": "kind", "in": "path", "required": true, "description": "start, fail, log or an exit status 0-255.", "schema": {"type": "string"}}, {"name": "rid", "in": "query", "schema": {"type": "string"}}, {"name": "create", "in": "query", "schema": {"type": "string"}}], "responses": {"200": {"$ref": "#/components/responses/Ping"}, "201": {"$ref": "#/components/responses/Ping"}, "400": {"$ref": "#/components/responses/Ping"}, "403": {"$ref": "#/components/responses/Ping"}, "404": {"$ref": "#/components/responses/Ping"}}}, "post": {"security": [], "parameters": [{"name": "uuid", "in": "path", "required": true, "description": "The ping key: a token of the team.", "schema": {"type": "string"}}, {"name": "action", "in": "path", "required": true, "description": "The check's slug.", "schema": {"type": "string"}}, {"name": "kind", "in": "path", "required": true, "description": "start, fail, log or an exit status 0-255.", "schema": {"type": "string"}}, {"name": "rid", "in": "query", "schema": {"type": "string"}}, {"name": "create", "in": "query", "schema": {"type": "string"}}], "responses": {"200": {"$ref": "#/components/responses/Ping"}, "201": {"$ref": "#/components/responses/Ping"}, "400": {"$ref": "#/components/responses/Ping"}, "403": {"$ref": "#/components/responses/Ping"}, "404": {"$ref": "#/components/responses/Ping"}}}, "head": {"security": [], "parameters": [{"name": "uuid", "in": "path", "required": true, "description": "The ping key: a token of the team.", "schema": {"type": "string"}}, {"name": "action", "in": "path", "required": true, "description": "The check's slug.", "schema": {"type": "string"}}, {"name": "kind", "in": "path", "required": true, "description": "start, fail, log or an exit status 0-255.", "schema": {"type": "string"}}, {"name": "rid", "in": "query", "schema": {"type": "string"}}, {"name": "create", "in": "query", "schema": {"type": "string"}}], "responses": {"200": {"$ref": "#/components/responses/Ping"}, "201": {"$ref": "#/components/responses/Ping"}, "400": {"$ref": "#/components/responses/Ping"}, "403": {"$ref": "#/components/responses/Ping"}, "404": {"$ref": "#/components/responses/Ping"}}}},
            "/api/v3/checks": {
              "get": {"security": [{"apiKey": []}, {"bearer": []}], "parameters": [{"name": "tag", "in": "query", "schema": {"type": "string"}}, {"name": "slug", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"description": "The team's checks.", "content": {"application/json": {"schema": {"type": "object", "properties": {"checks": {"type": "array", "items": {"$ref": "#/components/schemas/Check"}}}}}}}, "401": {"$ref": "#/components/responses/Refused"}}},
              "post": {"security": [{"apiKey": []}, {"bearer": []}], "requestBody": {"required": false, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckSettings"}}}},
                "responses": {"200": {"description": "The check, with healthchecks' fields and own's owner, stakes and loop.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Check"}}}}, "201": {"description": "The check, with healthchecks' fields and own's owner, stakes and loop.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Check"}}}}, "400": {"$ref": "#/components/responses/Refused"}, "401": {"$ref": "#/components/responses/Refused"}, "403": {"$ref": "#/components/responses/Refused"}, "409": {"$ref": "#/components/responses/Refused"}, "413": {"$ref": "#/components/responses/Refused"}}}},
            "/api/v3/checks/{uuid}": {
              "get": {"security": [{"apiKey": []}, {"bearer": []}], "parameters": [{"name": "uuid", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "The check, with healthchecks' fields and own's owner, stakes and loop.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Check"}}}}, "401": {"$ref": "#/components/responses/Refused"}, "404": {"$ref": "#/components/responses/Refused"}}},
              "post": {"security": [{"apiKey": []}, {"bearer": []}], "parameters": [{"name": "uuid", "in": "path", "required": true, "schema": {"type": "string"}}], "requestBody": {"required": false, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/CheckSettings"}}}}, "responses": {"200": {"description": "The check, with healthchecks' fields and own's owner, stakes and loop.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Check"}}}}, "400": {"$ref": "#/components/responses/Refused"}, "401": {"$ref": "#/components/responses/Refused"}, "403": {"$ref": "#/components/responses/Refused"}, "404": {"$ref": "#/components/responses/Refused"}, "409": {"$ref": "#/components/responses/Refused"}, "413": {"$ref": "#/components/responses/Refused"}}},
              "delete": {"security": [{"apiKey": []}, {"bearer": []}], "parameters": [{"name": "uuid", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "The check, with healthchecks' fields and own's owner, stakes and loop.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Check"}}}}, "401": {"$ref": "#/components/responses/Refused"}, "403": {"$ref": "#/components/responses/Refused"}, "404": {"$ref": "#/components/responses/Refused"}}}},
            "/api/v3/checks/{uuid}/pause": {"post": {"security": [{"apiKey": []}, {"bearer": []}], "parameters": [{"name": "uuid", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "The check, with healthchecks' fields and own's owner, stakes and loop.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Check"}}}}, "401": {"$ref": "#/components/responses/Refused"}, "403": {"$ref": "#/components/responses/Refused"}, "404": {"$ref": "#/components/responses/Refused"}}}},
            "/api/v3/checks/{uuid}/resume": {"post": {"security": [{"apiKey": []}, {"bearer": []}], "parameters": [{"name": "uuid", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "The check, with healthchecks' fields and own's owner, stakes and loop.", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Check"}}}}, "401": {"$ref": "#/components/responses/Refused"}, "403": {"$ref": "#/components/responses/Refused"}, "404": {"$ref": "#/components/responses/Refused"}, "409": {"$ref": "#/components/responses/Refused"}}}},
            "/api/v3/checks/{uuid}/pings": {"get": {"security": [{"apiKey": []}, {"bearer": []}], "parameters": [{"name": "uuid", "in": "path", "required": true, "schema": {"type": "string"}}], "responses": {"200": {"description": "The check's last pings, newest first.", "content": {"application/json": {"schema": {"type": "object", "properties": {"pings": {"type": "array", "items": {"type": "object"}}}}}}}, "401": {"$ref": "#/components/responses/Refused"}, "404": {"$ref": "#/components/responses/Refused"}}}},
            "/api/v3/checks/{uuid}/pings/{number}/body": {"get": {"security": [{"apiKey": []}, {"bearer": []}], "parameters": [{"name": "uuid", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "number", "in": "path", "required": true, "schema": {"type": "integer"}}], "responses": {"200": {"description": "The ping's body as it came, cut to 10,000 bytes.", "content": {"text/plain": {"schema": {"type": "string"}}}}, "401": {"$ref": "#/components/responses/Refused"}, "404": {"$ref": "#/components/responses/Refused"}}}},
            "/api/v3/checks/{uuid}/flips": {"get": {"security": [{"apiKey": []}, {"bearer": []}], "parameters": [{"name": "uuid", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "seconds", "in": "query", "description": "The last N seconds.", "schema": {"type": "integer", "minimum": 0, "maximum": 31536000}}, {"name": "start", "in": "query", "description": "At or after this UNIX time.", "schema": {"type": "integer", "minimum": 0, "maximum": 253402300799}}, {"name": "end", "in": "query", "description": "Before this UNIX time.", "schema": {"type": "integer", "minimum": 0, "maximum": 253402300799}}], "responses": {"200": {"description": "The check's status changes, newest first.", "content": {"application/json": {"schema": {"type": "array", "items": {"type": "object", "properties": {"timestamp": {"type": "string"}, "up": {"type": "integer"}}}}}}}, "400": {"$ref": "#/components/responses/Refused"}, "401": {"$ref": "#/components/responses/Refused"}, "404": {"$ref": "#/components/responses/Refused"}}}},
            "/api/v1/inbox": {"get": {"parameters": [
                {"name": "unread", "in": "query", "schema": {"type": "string", "enum": ["true", "false"]}},
                {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}],
              "responses": {"200": {"description": "The caller's inbox, newest first: notices on loops that affect them, hand-offs to them, approvals they are asked for and answers to theirs.",
                "content": {"application/json": {"schema": {"type": "object", "required": ["person", "items"],
                  "properties": {"person": {"type": "string"}, "items": {"type": "array", "items": {"type": "object",
                    "required": ["id", "kind", "loop", "text", "from", "at", "readAt"],
                    "properties": {"id": {"type": "integer"},
                      "kind": {"type": "string", "enum": ["notice", "handoff", "approval-request", "approval-answer", "changed"]},
                      "loop": {"type": "string"}, "text": {"type": "string"}, "from": {"type": "string"},
                      "at": {"type": "string", "format": "date-time"},
                      "readAt": {"type": ["string", "null"], "format": "date-time"}}}}}}}}},
                "400": {"$ref": "#/components/responses/Refused"}, "401": {"$ref": "#/components/responses/Refused"}}}},
            "/api/v1/inbox/read": {"post": {"requestBody": {"required": true,
                "content": {"application/json": {"schema": {"oneOf": [
                  {"type": "object", "required": ["ids"], "additionalProperties": false,
                    "properties": {"ids": {"type": "array", "items": {"type": "integer", "minimum": 1}}}},
                  {"type": "object", "required": ["all"], "additionalProperties": false,
                    "properties": {"all": {"const": true}}}]}}}},
              "responses": {"200": {"description": "How many unread items were marked read.",
                "content": {"application/json": {"schema": {"type": "object", "required": ["marked"],
                  "properties": {"marked": {"type": "integer"}}}}}},
                "400": {"$ref": "#/components/responses/Refused"}, "401": {"$ref": "#/components/responses/Refused"},
                "413": {"$ref": "#/components/responses/Refused"}}}}
          }
        }
        """#
}
