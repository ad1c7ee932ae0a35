public import Hummingbird
public import TeamStore

/// What the server knows about a request beyond the request itself: who sent it, once the token
/// has been checked.
public struct ServerContext: RequestContext {
    /// Hummingbird's own per-request storage.
    public var coreContext: CoreRequestContextStorage
    /// The token's record, set by `TokenAuthentication` on every `/api/` route.
    public var caller: TokenRecord?

    /// A context for a new request.
    public init(source: Source) {
        coreContext = .init(source: source)
        caller = nil
    }

    /// The checked caller; only routes behind `TokenAuthentication` ask, and they always have one.
    func requireCaller() throws -> TokenRecord {
        guard let caller else { throw APIError(.unauthorized, "send a token: Authorization: Bearer <token>") }
        return caller
    }
}
