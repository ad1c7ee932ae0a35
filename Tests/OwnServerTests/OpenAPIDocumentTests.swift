import HTTPTypes
import Hummingbird
import OwnCore
import OwnServer
import TeamStore
import Testing

@Suite("The OpenAPI document is the router's")
struct OpenAPIDocumentTests {
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
    }
}
