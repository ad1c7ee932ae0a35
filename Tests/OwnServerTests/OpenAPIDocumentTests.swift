import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OwnCore
import OwnServer
import TeamStore
import Testing

@Suite("The OpenAPI document is the router's")
struct OpenAPIDocumentTests {
    /// Every member of a loop as the API writes it (`LoopJSON`) is in the document's `Loop` schema:
    /// a script author reads the schema, and thirteen of them were missing.
    @Test func theLoopSchemaHoldsEveryMemberALoopHas() throws {
        let document = try JSONParser.parse(OpenAPIDocument.text).objectValue ?? [:]
        let schema = document["components"]?.objectValue?["schemas"]?.objectValue?["Loop"]?.objectValue ?? [:]
        let documented = Set((schema["properties"]?.objectValue ?? [:]).keys)
        let loop = Loop.fold([
            Event(
                id: "c1",
                loop: "pay-1",
                at: Timestamp.parse("2026-11-23T09:00:00Z")!,
                by: "ana",
                type: .created,
                fields: ["title": "x"]
            )
        ])!
        let written =
            try JSONParser.parse(LoopJSON.string(loop, now: Date(), calendars: Calendars())).objectValue ?? [:]
        #expect(!written.isEmpty)
        #expect(
            Set(written.keys).subtracting(documented).isEmpty,
            "\(Set(written.keys).subtracting(documented).sorted())"
        )
    }

    @Test func itsPathsAndMethodsAreExactlyTheRoutes() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let router = TeamServer.router(store: team.store)
        // The dashboard's pages are HTML for people, not the API: docs/dashboard.md describes them.
        let routes = Set(
            router.routes.filter { !Dashboard.serves(path: $0.path.description) }.map { route in
                // The router writes a captured segment as {key} or :key; the document as {key}.
                let path = route.path.description.split(separator: "/").map { segment in
                    segment.hasPrefix(":") ? "{" + segment.dropFirst() + "}" : String(segment)
                }
                return route.method.rawValue.lowercased() + " /" + path.joined(separator: "/")
            }
        )
        let document = try JSONParser.parse(OpenAPIDocument.text).objectValue ?? [:]
        #expect(document["openapi"] == "3.1.0")
        var documented: Set<String> = []
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            for method in (item.objectValue ?? [:]).keys { documented.insert(method + " " + path) }
        }
        #expect(!routes.isEmpty)
        #expect(routes == documented)
        // Every operation that checks a token documents the 503 of a token not checked in time.
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            for (method, operation) in item.objectValue ?? [:] where operation.objectValue?["security"] != .array([]) {
                #expect(operation.objectValue?["responses"]?.objectValue?["503"] != nil, "\(method) \(path)")
            }
        }
    }

    /// A ping by key and slug answers 201 when `?create=1` made the check, and 403 to a reader's key
    /// (docs/monitors.md): each ping route that takes a key documents both, and `create`.
    @Test func thePingRoutesDocumentWhatAPingByKeyAndSlugAnswers() throws {
        let paths = try JSONParser.parse(OpenAPIDocument.text).objectValue?["paths"]?.objectValue ?? [:]
        for path in ["/ping/{uuid}/{action}", "/ping/{uuid}/{action}/{kind}"] {
            for (method, operation) in paths[path]?.objectValue ?? [:] {
                let responses = Set((operation.objectValue?["responses"]?.objectValue ?? [:]).keys)
                #expect(responses.isSuperset(of: ["200", "201", "400", "403", "404"]), "\(method) \(path)")
                let parameters = operation.objectValue?["parameters"]?.arrayValue ?? []
                #expect(parameters.contains { $0.objectValue?["name"] == "create" }, "\(method) \(path)")
            }
        }
    }

    /// A path the document describes answers 405 with `Allow` for a method it does not give it; an
    /// unknown path, and a described one whose handler finds nothing, still answer 404.
    @Test func aMethodThePathDoesNotAnswerIs405WithAllow() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient { client in
            try await client.execute(uri: "/health", method: .delete) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD")
                #expect(response.text == #"{"error":"DELETE is not a method of this path; it answers GET, HEAD"}"#)
            }
            let uuid = "0f0e0d0c-0b0a-4909-8807-060504030201"
            try await client.execute(uri: "/ping/" + uuid, method: .put) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "GET, HEAD, POST")
            }
            try await client.execute(uri: "/no-such-path", method: .delete) { response in
                #expect(response.status == .notFound)
            }
            // A route of its own: the handler's 404 (no such check), not a 405.
            try await client.execute(uri: "/ping/" + uuid, method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.text == "not found")
            }
            try await client.execute(uri: "/api/v1/loops/no-such-loop", method: .get, headers: team.auth("ana")) {
                response in
                #expect(response.status == .notFound)
            }
        }
    }

    /// HEAD answers wherever GET does: GET's status and headers, no body (uptime checkers ask with it).
    @Test func headAnswersWhereverGetDoes() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.withClient { client in
            try await client.execute(uri: "/health", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/json")
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/api/v1/loops", method: .head, headers: team.auth("ana")) { response in
                #expect(response.status == .ok)
                #expect(response.body.readableBytes == 0)
            }
            // The same checks as GET: no token, no answer.
            try await client.execute(uri: "/api/v1/loops", method: .head) { response in
                #expect(response.status == .unauthorized)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/sign-in", method: .head) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType]?.hasPrefix("text/html") == true)
                #expect(response.body.readableBytes == 0)
            }
            try await client.execute(uri: "/no-such-path", method: .head) { response in
                #expect(response.status == .notFound)
                #expect(response.body.readableBytes == 0)
            }
            // A method the path does not answer: 405 with Allow, and no body either.
            try await client.execute(uri: "/api/v1/inbox/read", method: .head, headers: team.auth("ana")) { response in
                #expect(response.status == .methodNotAllowed)
                #expect(response.headers[.allow] == "POST")
                #expect(response.body.readableBytes == 0)
            }
        }
    }
}
