import Foundation
import HTTPTypes
import Hummingbird
import TeamStore

/// Checks `Authorization: Bearer <token>` and puts the token's record in the context; refuses
/// (401) a missing, malformed, unknown or revoked token before any route runs.
struct TokenAuthentication: RouterMiddleware {
    typealias Context = ServerContext
    let store: any TeamStore

    func handle(
        _ request: Request,
        context: Context,
        next: (Request, Context) async throws -> Response
    )
        async throws -> Response
    {
        guard let header = request.headers[.authorization] else {
            throw refusal("send a token: Authorization: Bearer <token> (`own server token add` makes one)")
        }
        let parts = header.split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].lowercased() == "bearer", !parts[1].isEmpty else {
            throw refusal("the Authorization header must be exactly \"Bearer <token>\"")
        }
        guard let signedIn = try await Self.signIn(String(parts[1]), store: store, context: context) else {
            throw refusal("the token is unknown or revoked; ask a lead for a new one")
        }
        return try await next(request, signedIn)
    }

    /// The context with the caller whose token `secret` is and their team's stamp, or nil when no
    /// live token is: the one check behind every way a request names its token (Bearer, the
    /// Management API's key). One read of the store, every request, so a revoked token is refused
    /// on the next one.
    /// A store that does not answer within `storeDeadline` (PostgreSQL down) is a 503 then, not a
    /// minute later.
    static func signIn(_ secret: String, store: any TeamStore, context: Context) async throws -> Context? {
        guard !secret.isEmpty else { return nil }
        let hash = TokenSecret.hash(secret)
        // The race costs two tasks and a timer a request: only a store that can stall pays it.
        guard store.readsOverNetwork else {
            guard let (record, stamp) = try await store.tokenAndStamp(hash: hash), record.revokedAt == nil else {
                return nil
            }
            return context.signedIn(record, stamp)
        }
        guard
            let answer = try await Deadline.first(
                { try await store.tokenAndStamp(hash: hash) },
                before: Deadline.after(storeDeadline)
            )
        else {
            throw APIError(
                .serviceUnavailable,
                "the server's store did not answer within \(storeDeadline.components.seconds) s; try again shortly"
            )
        }
        guard let (record, stamp) = answer, record.revokedAt == nil else { return nil }
        return context.signedIn(record, stamp)
    }

    /// How long a request waits for its token to be read.
    static let storeDeadline: Duration = .seconds(5)

    private func refusal(_ message: String) -> APIError {
        APIError(.unauthorized, message)
    }
}
