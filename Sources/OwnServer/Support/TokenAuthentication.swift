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
    /// live token is (`liveToken`).
    static func signIn(_ secret: String, store: any TeamStore, context: Context) async throws -> Context? {
        guard let (record, stamp) = try await liveToken(secret, store: store) else { return nil }
        return context.signedIn(record, stamp)
    }

    /// The live (known, not revoked) token whose secret `secret` is, with its team's stamp, or nil:
    /// the one check behind every way a request names its token (Bearer, the Management API's key,
    /// the dashboard's session and its sign-in form). One read of the store, every request, so a
    /// revoked token is refused on the next one. A store that can stall (PostgreSQL down keeps a
    /// read waiting about a minute for a connection) and has not answered when `deadline` returns
    /// throws `StoreDidNotAnswer`; the race costs two tasks and a timer, so only such a store pays it.
    static func liveToken(
        _ secret: String,
        store: any TeamStore,
        deadline: @escaping @Sendable () async -> Void = Deadline.after(storeDeadline)
    ) async throws -> (token: TokenRecord, stamp: TeamStamp)? {
        guard !secret.isEmpty else { return nil }
        let hash = TokenSecret.hash(secret)
        let found = try await withinStoreDeadline(store, deadline: deadline) {
            try await store.tokenAndStamp(hash: hash)
        }
        guard let found, found.token.revokedAt == nil else { return nil }
        return found
    }

    /// `work`'s answer, or `StoreDidNotAnswer` when `deadline` returns first, on a store that can
    /// stall (`readsOverNetwork`); on one that cannot, `work` runs as it is.
    static func withinStoreDeadline<T: Sendable>(
        _ store: any TeamStore,
        deadline: @escaping @Sendable () async -> Void = Deadline.after(storeDeadline),
        late: StoreDidNotAnswer = StoreDidNotAnswer(),
        _ work: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        guard store.readsOverNetwork else { return try await work() }
        guard let answer = try await Deadline.first(work, before: deadline) else { throw late }
        return answer
    }

    /// A store call that did not end before its deadline: a 503 (`ErrorTranslation`), on the
    /// dashboard a page saying to try again.
    struct StoreDidNotAnswer: Error {
        /// The deadline it missed.
        var seconds = storeDeadline.components.seconds
        /// What else the client should know (a push's events may be stored).
        var note = ""

        var message: String {
            "the server's store did not answer within \(seconds) s; try again shortly" + note
        }
    }

    /// How long a request waits for its token to be read.
    static let storeDeadline: Duration = .seconds(5)

    private func refusal(_ message: String) -> APIError {
        APIError(.unauthorized, message)
    }
}
