import Hummingbird

/// A HEAD request is answered as its GET would be (the router makes a HEAD route of every GET one,
/// `TeamServer.router`), with the status and headers and no body: the refusals too, which the
/// routes throw and `ErrorTranslation` turns into answers with a body.
struct HeadWithoutBody: RouterMiddleware {
    typealias Context = ServerContext

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard request.method == .head else { return try await next(request, context) }
        do {
            return try await next(request, context).createHeadResponse()
        } catch let error as any HTTPResponseError {
            return try error.response(from: request, context: context).createHeadResponse()
        }
    }
}
