import HTTPTypes
import Hummingbird
import OwnCore

/// Answers 405 (with `Allow`) for a method the OpenAPI document does not give a path it describes,
/// instead of the router's 404: the path exists, the method does not. Read from the document, which
/// a test holds equal to the router's routes. It looks only at requests the router found no route
/// for (a 404 thrown), so a request that has one (every ping) pays nothing for it.
struct MethodNotAllowed: RouterMiddleware {
    typealias Context = ServerContext

    /// Each documented path, as segments (`{name}` matches any one), with its methods in upper case
    /// (HEAD wherever GET).
    let routes: [(segments: [String], methods: [String])]

    init() {
        let paths = (try? JSONParser.parse(OpenAPIDocument.text))?.objectValue?["paths"]?.objectValue ?? [:]
        routes = paths.keys.sorted().map { path in
            var methods = Set((paths[path]?.objectValue ?? [:]).keys.map { $0.uppercased() })
            // The router answers HEAD wherever it answers GET (`TeamServer.router`).
            if methods.contains("GET") { methods.insert("HEAD") }
            return (path.split(separator: "/").map(String.init), methods.sorted())
        }
    }

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound {
            // A method the document gives the path would have had a route, and a 404 thrown from it
            // is its own answer.
            let method = request.method.rawValue
            let segments = request.uri.path.split(separator: "/")
            guard
                let route = routes.first(where: { route in
                    route.segments.count == segments.count
                        && zip(route.segments, segments).allSatisfy { $0.hasPrefix("{") || $0 == $1 }
                }), !route.methods.contains(method)
            else { throw error }
            return notAllowed(method, route.methods)
        }
    }

    /// The 405 for `method` on a path that answers `methods`.
    private func notAllowed(_ method: String, _ methods: [String]) -> Response {
        let allowed = methods.joined(separator: ", ")
        let message = "\(method) is not a method of this path; it answers \(allowed)"
        var response = Response.json(JSONWriter.string(.object(["error": .string(message)])), status: .methodNotAllowed)
        response.headers[.allow] = allowed
        return response
    }
}
