import HTTPTypes
import Hummingbird
import OwnCore

/// Answers 405 (with `Allow`) for a method the OpenAPI document does not give a path it describes,
/// instead of the router's 404: the path exists, the method does not. Read from the document, which
/// a test holds equal to the router's routes. It looks only at requests the router found no route
/// for (a 404 thrown), so a request that has one (every ping) pays nothing for it.
struct MethodNotAllowed: RouterMiddleware {
    typealias Context = ServerContext

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
            guard let route = DocumentedRoutes.shared.route(for: request.uri.path), !route.methods.contains(method)
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
