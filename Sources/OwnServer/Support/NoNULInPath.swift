import Hummingbird

/// Answers a path that holds a NUL (`%00`) as one that names nothing (404): no key, id, team or person
/// holds one, and SQLite's lookups stopped at it, so `/api/v1/loops/key%00junk` answered the loop
/// `key`, and a person page rendered, its NUL and all, for a name nobody has.
struct NoNULInPath: RouterMiddleware {
    typealias Context = ServerContext

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let path = request.uri.path
        if path.utf8.contains(0) || path.contains("%00") {
            throw HTTPError(.notFound)
        }
        return try await next(request, context)
    }
}
