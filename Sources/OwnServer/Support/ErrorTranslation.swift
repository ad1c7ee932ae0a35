import Hummingbird
import Logging
import TeamStore

/// Answers every failure as one line of JSON (on the dashboard's paths, a small HTML page): the
/// store's errors become the status that fits them, and anything unexpected a 500 that shows nothing
/// of its cause (which goes to the log).
struct ErrorTranslation: RouterMiddleware {
    typealias Context = ServerContext
    /// Where a signed-in person is found, for the header of a dashboard page with no route.
    let store: any TeamStore

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as APIError {
            throw error
        } catch let error as DashboardError {
            throw error  // the dashboard answers in HTML
        } catch let late as TokenAuthentication.StoreDidNotAnswer {
            // A ping is answered in plain text, as healthchecks answers every ping.
            if request.uri.path.hasPrefix("/ping/") { return PingReply.unavailable.response }
            if Dashboard.serves(path: request.uri.path) {
                throw DashboardError.unavailable(late.message.prefix(1).uppercased() + late.message.dropFirst() + ".")
            }
            throw APIError(.serviceUnavailable, late.message)
        } catch let error as TeamStoreError {
            switch error {
            case .conflictingEvent, .brokenHistory, .monitorExists: throw APIError(.conflict, error.description)
            case .ambiguousLoop: throw APIError(.badRequest, error.description)
            case .unknownTeam: throw APIError(.notFound, "not found")
            default:
                context.logger.error("store failed", metadata: ["error": .string(error.description)])
                if request.uri.path.hasPrefix("/ping/") { return PingReply.unavailable.response }
                // A page answers with the page that says to try again, its security headers with it.
                if Dashboard.serves(path: request.uri.path) {
                    throw DashboardError.unavailable("The server's store is unavailable; try again shortly.")
                }
                throw APIError(.serviceUnavailable, "the server's store is unavailable; try again shortly")
            }
        } catch let error as any HTTPResponseError {
            // A path under the dashboard's (no such page, a method it does not answer) is answered
            // as its pages are: HTML with their security headers, not the API's JSON.
            if Dashboard.serves(path: request.uri.path) {
                let refusal = error.status == .notFound ? DashboardError.notFound : DashboardError.status(error.status)
                // Under the signed-in person's team's pages, the page keeps the header every page has
                // (a path no route has never reached the session that the routes' pages read).
                let parts = request.uri.path.split(separator: "/")
                if parts.count >= 2, parts[0] == "teams",
                    let caller = try? await DashboardSession.signedIn(request, store: store), parts[1] == caller.team
                {
                    return refusal.response(from: request, caller: caller)
                }
                throw refusal
            }
            // A path under /ping that no ping URL has is answered as the ping URLs answer (healthchecks'
            // plain "not found", with the body limit header), not with the API's JSON.
            if error.status == .notFound, request.uri.path.hasPrefix("/ping/") { return PingReply.notFound.response }
            // No route has the path: say which, and where the routes are (a client's address with a
            // path after the server's, `/api/v1` twice, read only "Not Found").
            if error.status == .notFound {
                // A healthchecks client pinned to an older version of its API, or calling routes own has
                // not: said so, where "no route" left the one who migrated to guess.
                let path = request.uri.path
                let healthchecks =
                    ["/api/v1/checks", "/api/v2/"].contains(where: path.hasPrefix)
                        || ["/api/v3/channels", "/api/v3/badges", "/api/v3/status"].contains(where: path.hasPrefix)
                    ? " (own serves healthchecks' Management API v3 checks only, under /api/v3/checks/)" : ""
                throw APIError(
                    .notFound,
                    "no route has the path \(path)\(healthchecks); GET /openapi.json lists the server's routes"
                )
            }
            throw APIError(error.status, error.status.reasonPhrase)
        } catch {
            context.logger.error("request failed", metadata: ["error": .string(String(describing: error))])
            throw APIError(.internalServerError, "the server failed; nothing was written")
        }
    }
}
