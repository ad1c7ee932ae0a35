import NIOCore
import NIOHTTP1
import NIOPosix
import Synchronization

/// A real webhook on 127.0.0.1 (a port it picks free): it answers every POST with `status` and keeps
/// each body, so tests see exactly what a server delivered and how often. The path holds a fake
/// secret, which no message may quote.
///
/// It answers on a SwiftNIO event loop, never in a Swift task: the tests run in parallel in one
/// process, and while others hold the shared task threads (waiting for a subprocess, say) an answer
/// from a task can come after the sender's 10 s timeout, which rightly posts the message again.
final class WebhookListener: Sendable {
    /// The path a channel's URL points at.
    static let path = "/services/T000/B000/secret-token"

    let port: Int
    private let posts: Posts
    private let channel: any Channel

    /// The channel URL for this listener.
    var url: String { "http://127.0.0.1:\(port)\(Self.path)" }

    /// The bodies received so far, in order.
    var received: [String] { posts.list.withLock { $0.map(\.body) } }

    /// The `Idempotency-Key` of each post received so far, in order (nil where it had none).
    var keys: [String?] { posts.list.withLock { $0.map(\.key) } }

    /// Starts listening; returns once the port is known.
    static func start(status: HTTPResponseStatus = .ok) async throws -> WebhookListener {
        let posts = Posts()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(
                        Answer(status: status) { body, key in posts.list.withLock { $0.append((body, key)) } }
                    )
                }
            }
            .bind(host: "127.0.0.1", port: 0)
            .get()
        guard let port = channel.localAddress?.port else {
            try? await channel.close()
            throw ListenerFailure()
        }
        return WebhookListener(port: port, posts: posts, channel: channel)
    }

    private init(port: Int, posts: Posts, channel: any Channel) {
        self.port = port
        self.posts = posts
        self.channel = channel
    }

    /// Stops listening.
    func stop() async {
        try? await channel.close()
    }
}

/// Collects one request's body, keeps it, answers with the status and closes the connection.
private final class Answer: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let status: HTTPResponseStatus
    private let keep: @Sendable (_ body: String, _ key: String?) -> Void
    private var body: [UInt8] = []
    private var key: String?

    init(status: HTTPResponseStatus, keep: @escaping @Sendable (_ body: String, _ key: String?) -> Void) {
        self.status = status
        self.keep = keep
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            body = []
            key = head.headers.first(name: "Idempotency-Key")
        case .body(let buffer): body.append(contentsOf: buffer.readableBytesView)
        case .end:
            keep(String(decoding: body, as: UTF8.self), key)
            var headers = HTTPHeaders()
            headers.add(name: "Content-Length", value: "0")
            headers.add(name: "Connection", value: "close")
            context.write(
                wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))),
                promise: nil
            )
            context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in context.close(promise: nil) }
        }
    }
}

/// The posts received, shared by the handlers and the listener.
private final class Posts: Sendable {
    let list = Mutex<[(body: String, key: String?)]>([])
}

private struct ListenerFailure: Error {}
