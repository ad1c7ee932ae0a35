public import Hummingbird
public import TeamStore

/// What the server knows about a request beyond the request itself: who sent it, once the token
/// has been checked.
public struct ServerContext: RequestContext {
    /// Hummingbird's own per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The token's record, set by `TokenAuthentication` on every `/api/` route.
    public var caller: TokenRecord?
    /// The caller's team's stamp, read with the token: what a read checks the replies the server
    /// kept against, with no second trip to the store.
    public var stamp: TeamStamp?

    /// A context for a new request.
    public init(source: Source) {
        coreContext = .init(source: source)
        caller = nil
        stamp = nil
    }

    /// The checked caller; only routes behind `TokenAuthentication` ask, and they always have one.
    func requireCaller() throws -> TokenRecord {
        guard let caller else { throw APIError(.unauthorized, "send a token: Authorization: Bearer <token>") }
        return caller
    }

    /// The caller's team's stamp, as read with the token (so never newer than the request).
    func requireStamp() throws -> TeamStamp {
        guard let stamp else { throw APIError(.unauthorized, "send a token: Authorization: Bearer <token>") }
        return stamp
    }
}
