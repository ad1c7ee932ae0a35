import OwnCore

/// The paths the OpenAPI document describes, each with its methods and the query parameters each
/// method takes, read from the document once. A test holds the document equal to the router's
/// routes, so a request checked against these is checked against the routes.
struct DocumentedRoutes: Sendable {
    struct Route: Sendable {
        /// The path's segments; `{name}` matches any one.
        let segments: [String]
        /// Its methods in upper case (HEAD wherever GET: the router answers it, `TeamServer.router`).
        let methods: [String]
        /// The query parameters of each method (HEAD's are GET's).
        let queries: [String: Set<String>]
    }

    let routes: [Route]

    static let shared = DocumentedRoutes()

    private init() {
        let document = (try? JSONParser.parse(OpenAPIDocument.text))?.objectValue ?? [:]
        let paths = document["paths"]?.objectValue ?? [:]
        let shared = document["components"]?.objectValue?["parameters"]?.objectValue ?? [:]
        routes = paths.keys.sorted().map { path in
            let operations = paths[path]?.objectValue ?? [:]
            var queries: [String: Set<String>] = [:]
            for (method, operation) in operations {
                let parameters = (operation.objectValue?["parameters"]?.arrayValue ?? []).compactMap { parameter in
                    // `{"$ref": "#/components/parameters/at"}` is the shared one of that name.
                    let reference = parameter.objectValue?["$ref"]?.stringValue?.split(separator: "/").last
                    return reference.flatMap { shared[String($0)] }?.objectValue ?? parameter.objectValue
                }
                queries[method.uppercased()] = Set(
                    parameters.filter { $0["in"] == "query" }.compactMap { $0["name"]?.stringValue }
                )
            }
            if let get = queries["GET"] { queries["HEAD"] = get }
            return Route(
                segments: path.split(separator: "/").map(String.init),
                methods: queries.keys.sorted(),
                queries: queries
            )
        }
    }

    /// The documented path a request's path is, if any.
    func route(for path: String) -> Route? {
        let segments = path.split(separator: "/")
        return routes.first { route in
            route.segments.count == segments.count
                && zip(route.segments, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
        }
    }
}
