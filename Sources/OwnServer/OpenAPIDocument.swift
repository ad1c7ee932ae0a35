/// The OpenAPI 3.1 document of every route, served as-is at `/openapi.json`. A test checks that its
/// paths and methods are exactly the router's, so it cannot drift from the server.
public enum OpenAPIDocument {
    /// The document's JSON text.
    public static let text = #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "own team server", "version": "1"},
          "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
              "Error": {"type": "object", "required": ["error"], "properties": {"error": {"type": "string"}}},
              "Loop": {"type": "object", "required": ["key", "title", "owner", "state", "stakes", "kind"],
                "properties": {"key": {"type": "string"}, "number": {"type": "integer"}, "title": {"type": "string"},
                  "owner": {"type": "string"}, "state": {"type": "string"}, "stakes": {"type": "string"},
                  "kind": {"type": "string"}, "autonomy": {"type": "integer"}, "overdue": {"type": "boolean"}}},
              "Finding": {"type": "object", "required": ["rule", "owner", "severity", "message"],
                "properties": {"rule": {"type": "string"}, "loop": {"type": ["string", "null"]},
                  "owner": {"type": "string"}, "severity": {"enum": ["info", "warning", "critical"]},
                  "since": {"type": ["string", "null"]}, "message": {"type": "string"}, "suggestion": {"type": "string"}}}
            },
            "parameters": {
              "at": {"name": "at", "in": "query", "required": false,
                "description": "Read as of this ISO-8601 instant: only events at or before it count.",
                "schema": {"type": "string", "format": "date-time"}}
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
            "/ping/{uuid}/{action}": {"get": {"security": [], "parameters": [{"name": "uuid", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "action", "in": "path", "required": true, "description": "start, fail, log or an exit status 0-255", "schema": {"type": "string"}}, {"name": "rid", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"$ref": "#/components/responses/Ping"}, "400": {"$ref": "#/components/responses/Ping"},
                  "404": {"$ref": "#/components/responses/Ping"}}},
              "post": {"security": [], "parameters": [{"name": "uuid", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "action", "in": "path", "required": true, "description": "start, fail, log or an exit status 0-255", "schema": {"type": "string"}}, {"name": "rid", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"$ref": "#/components/responses/Ping"}, "400": {"$ref": "#/components/responses/Ping"},
                  "404": {"$ref": "#/components/responses/Ping"}}},
              "head": {"security": [], "parameters": [{"name": "uuid", "in": "path", "required": true, "schema": {"type": "string"}}, {"name": "action", "in": "path", "required": true, "description": "start, fail, log or an exit status 0-255", "schema": {"type": "string"}}, {"name": "rid", "in": "query", "schema": {"type": "string"}}],
                "responses": {"200": {"$ref": "#/components/responses/Ping"}, "400": {"$ref": "#/components/responses/Ping"},
                  "404": {"$ref": "#/components/responses/Ping"}}}},
            "/api/v1/events": {
              "get": {"parameters": [
                  {"name": "after", "in": "query", "schema": {"type": "integer", "minimum": 0}},
                  {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100000}}],
                "responses": {"200": {"description": "The team's events after the cursor, as JSON Lines.",
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
                {"name": "owner", "in": "query", "schema": {"type": "string"}},
                {"name": "state", "in": "query", "schema": {"type": "string"}},
                {"name": "kind", "in": "query", "schema": {"type": "string"}},
                {"name": "stakes", "in": "query", "schema": {"type": "string"}},
                {"name": "all", "in": "query", "schema": {"type": "string"}}],
              "responses": {"200": {"description": "The loops, as own list --json.",
                "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Loop"}}}}},
                "400": {"$ref": "#/components/responses/Refused"}, "401": {"$ref": "#/components/responses/Refused"}}}},
            "/api/v1/loops/{key}": {"get": {"parameters": [{"$ref": "#/components/parameters/at"},
                {"name": "key", "in": "path", "required": true, "schema": {"type": "string"}}],
              "responses": {"200": {"description": "The loop and its events, as own show --json.",
                "content": {"application/json": {"schema": {"type": "object", "required": ["loop", "events"],
                  "properties": {"loop": {"$ref": "#/components/schemas/Loop"}, "events": {"type": "array"}}}}}},
                "400": {"$ref": "#/components/responses/Refused"}, "401": {"$ref": "#/components/responses/Refused"},
                "404": {"$ref": "#/components/responses/Refused"}}}},
            "/api/v1/doctor": {"get": {"parameters": [{"$ref": "#/components/parameters/at"},
                {"name": "owner", "in": "query", "schema": {"type": "string"}}],
              "responses": {"200": {"description": "The findings, as own doctor --json.",
                "content": {"application/json": {"schema": {"type": "array", "items": {"$ref": "#/components/schemas/Finding"}}}}},
                "400": {"$ref": "#/components/responses/Refused"}, "401": {"$ref": "#/components/responses/Refused"}}}},
            "/api/v1/inbox": {"get": {"parameters": [
                {"name": "unread", "in": "query", "schema": {"type": "string", "enum": ["true", "false"]}},
                {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000}}],
              "responses": {"200": {"description": "The caller's inbox, newest first: notices on loops that affect them, hand-offs to them, approvals they are asked for and answers to theirs.",
                "content": {"application/json": {"schema": {"type": "object", "required": ["person", "items"],
                  "properties": {"person": {"type": "string"}, "items": {"type": "array", "items": {"type": "object",
                    "required": ["id", "kind", "loop", "text", "from", "at", "readAt"],
                    "properties": {"id": {"type": "integer"},
                      "kind": {"type": "string", "enum": ["notice", "handoff", "approval-request", "approval-answer"]},
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
