import Hummingbird

/// Refuses a query parameter the OpenAPI document does not give the API route (`/api/v1/…`), or one
/// given twice, as an unknown member of a pushed body is refused: `?onwer=ana` answered everyone's
/// loops, and nothing said the filter was not applied. The healthchecks-compatible paths (`/ping`, `/api/v3`) are
/// left as healthchecks leaves them.
struct UnknownQueryParameters: RouterMiddleware {
    typealias Context = ServerContext

    /// The parameters of `/api/v1/loops` that take a comma-separated list.
    static let lists: Set<String> = ["owner", "state", "kind", "stakes"]

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        // By segments, as the router finds the route: `//api/v1/loops` (a base URL ending in a
        // slash) is served as `/api/v1/loops`, and its parameters were not checked.
        let segments = request.uri.path.split(separator: "/")
        guard request.uri.query != nil, segments.count > 2, segments[0] == "api", segments[1] == "v1",
            let route = DocumentedRoutes.shared.route(for: request.uri.path),
            let known = route.queries[request.method.rawValue]
        else { return try await next(request, context) }
        var seen: Set<Substring> = []
        // An empty pair (`?&&after=0`) names nothing, as one at the end (`?after=0&`) never did.
        for (name, value) in request.uri.queryParameters where !(name.isEmpty && value.isEmpty) {
            guard known.contains(String(name)) else {
                let takes = known.isEmpty ? "no query parameters" : "only " + known.sorted().joined(separator: ", ")
                throw APIError(.badRequest, "unknown query parameter \"\(name)\": this path takes \(takes)")
            }
            // Read once, the second would be dropped: `state=open&state=blocked` answered the open ones.
            guard seen.insert(name).inserted else {
                // Only the loops' filters take several values.
                let several = segments.count == 3 && segments[2] == "loops" && Self.lists.contains(String(name))
                throw APIError(
                    .badRequest,
                    "\"\(name)\" is given twice; give it once" + (several ? " (several values comma-separated)" : "")
                )
            }
        }
        return try await next(request, context)
    }
}
