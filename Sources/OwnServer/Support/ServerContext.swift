import HTTPTypes
public import Hummingbird
import NIOCore
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
    /// The request's connection: read for a ping's `remote_addr` only, not for every request.
    private let channel: any NIOCore.Channel

    /// A context for a new request.
    public init(source: Source) {
        coreContext = .init(source: source)
        caller = nil
        stamp = nil
        channel = source.channel
    }

    /// Who sent the request, as healthchecks records a ping's `remote_addr`: the first address of
    /// `X-Forwarded-For` (a server behind a proxy sees only the proxy), else the connection's. Only
    /// an IPv4 or IPv6 address is taken from the header: any client may send it, and other text in
    /// it was kept as the sender's address.
    func remoteAddress(of request: Request) -> String? {
        if let forwarded = request.headers[Self.forwardedFor]?.split(separator: ",").first {
            let address = String(forwarded.filter { $0 != " " && $0 != "\t" })
            if Self.isAddress(address) { return address }
        }
        return channel.remoteAddress?.ipAddress
    }

    /// Whether a text is an IPv4 or IPv6 address as the system reads one.
    static func isAddress(_ text: String) -> Bool {
        (try? SocketAddress(ipAddress: text, port: 0)) != nil
    }

    // swift-format-ignore: NeverForceUnwrap
    // A valid field name.
    private static let forwardedFor = HTTPField.Name("X-Forwarded-For")!

    /// This context for the caller whose live token was read, with their team's stamp.
    func signedIn(_ record: TokenRecord, _ stamp: TeamStamp) -> ServerContext {
        var context = self
        context.caller = record
        context.stamp = stamp
        return context
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
