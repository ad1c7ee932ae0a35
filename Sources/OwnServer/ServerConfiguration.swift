public import Foundation

/// How the team server runs. Every value has a default, so tests set only what they need.
public struct ServerConfiguration: Sendable {
    /// The address to listen on: loopback unless told otherwise.
    public var host: String
    /// The port to listen on; 0 picks a free one.
    public var port: Int
    /// The largest request body accepted, in bytes; a larger one is refused with 413, nothing written.
    public var maxBodyBytes: Int
    /// The most events one pull answers with.
    public var maxPullLimit: Int
    /// How many seconds the sender waits between two passes over the outbox.
    public var deliveryInterval: TimeInterval
    /// The server's URL as its clients reach it (`https://own.example.com`, no trailing slash), for
    /// the ping and API URLs a check lists; nil takes the scheme and host each request came with.
    public var publicURL: String?
    /// The instant the server takes as now: injected, so tests run at fixed instants.
    public var now: @Sendable () -> Date
    /// How long a connection may send nothing (no request, or a request's head not finished) before
    /// it is closed: a client that opens connections and never finishes them (slowloris) held each
    /// one open for ever, and enough of them take every file the process may open.
    public var idleTimeout: TimeInterval = 75
    /// How long `GET /ready` gives the store to answer (`Readiness`).
    public var readyWithin: Duration = .seconds(2)

    /// A configuration.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8080,
        maxBodyBytes: Int = 32 * 1024 * 1024,
        maxPullLimit: Int = 100_000,
        deliveryInterval: TimeInterval = 2,
        publicURL: String? = nil,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.host = host
        self.port = port
        self.maxBodyBytes = maxBodyBytes
        self.maxPullLimit = maxPullLimit
        self.deliveryInterval = deliveryInterval
        self.publicURL = publicURL
        self.now = now
    }
}
