import Foundation
public import NIOCore
public import NIOHTTP1
import NIOPosix
import NIOSSL

/// Posts a JSON payload to a webhook (a Slack incoming webhook, or anything that takes JSON) over
/// HTTP or HTTPS, with a timeout and (by default) one retry. `own-post` and the team server's
/// delivery both post through it: one way to POST.
///
/// SwiftNIO rather than URLSession: FoundationNetworking loads libcurl at every process start, and
/// every `own` command pays for what the binary links.
public struct WebhookPoster: Sendable {
    /// How long one attempt may take, connecting included.
    public var timeout: TimeAmount
    /// How long to wait before the retry.
    public var retryDelay: TimeAmount
    /// How many tries one send makes: 2 for a command someone waits on; 1 where the caller keeps
    /// its own retries (the server's outbox).
    public var tries: Int

    /// The longest timeout a post takes, in seconds: a day (`own … --post-timeout` and `own sync
    /// --timeout` refuse more).
    public static let longestTimeout: Double = 86_400

    /// Whether a post can wait this many seconds: more than none, and at most `longestTimeout`.
    public static func takes(timeout seconds: Double) -> Bool {
        seconds > 0 && seconds <= longestTimeout
    }

    /// A poster whose attempts wait `timeoutSeconds` each (`takes(timeout:)`: one past it waits the
    /// longest; SwiftNIO counts it in nanoseconds, and 1e12 or infinity stopped the process).
    public init(timeoutSeconds: Double = 10, retryDelay: TimeAmount = .milliseconds(500), tries: Int = 2) {
        let seconds = Self.takes(timeout: timeoutSeconds) ? timeoutSeconds : Self.longestTimeout
        timeout = .nanoseconds(Int64(seconds * 1_000_000_000))
        self.retryDelay = retryDelay
        self.tries = max(1, tries)
    }

    /// Posts `body`; retries once after a timeout, a failed connection or a server error (5xx). With
    /// an `idempotencyKey`, every post of one message carries it as `Idempotency-Key`, so a receiver
    /// can drop a repeat (a post whose answer came too late is posted again).
    public func post(_ body: String, to address: String, idempotencyKey: String? = nil) async throws(PostError) {
        let request = Request(
            method: .POST,
            body: Array(body.utf8),
            contentType: "application/json; charset=utf-8",
            idempotencyKey: idempotencyKey
        )
        _ = try await send(request, to: address)
    }

    /// What to send: the method, the body and its type, and the Authorization header if any.
    public struct Request: Sendable {
        /// GET or POST.
        public var method: HTTPMethod
        /// The body's bytes (none for a GET), sent as they are: a ping's body may be any bytes.
        public var body: [UInt8]
        /// The body's media type.
        public var contentType: String
        /// The Authorization header's value, if any.
        public var authorization: String?
        /// The Idempotency-Key header's value, if any: the same on every post of one message.
        public var idempotencyKey: String?

        /// A request.
        public init(
            method: HTTPMethod,
            body: [UInt8],
            contentType: String,
            authorization: String? = nil,
            idempotencyKey: String? = nil
        ) {
            self.method = method
            self.body = body
            self.contentType = contentType
            self.authorization = authorization
            self.idempotencyKey = idempotencyKey
        }
    }

    /// Sends a request and returns the body of its 2xx answer; retries once after a timeout, a
    /// failed connection or a server error (5xx). Every request sent this way is safe to repeat.
    public func send(_ request: Request, to address: String) async throws(PostError) -> [UInt8] {
        let target = try Target(address)
        var lastError: PostError = .timedOut(host: target.host)
        for attempt in 1...tries {
            do {
                let (status, answer) = try await send(request, to: target)
                if (200..<300).contains(status) { return answer }
                lastError = .refused(host: target.host, status: status, answer: String(decoding: answer, as: UTF8.self))
                // A client error will not change on a retry: the URL or the payload is wrong.
                if status < 500 { throw lastError }
            } catch let error as PostError {
                if case .refused(_, let status, _) = error, status < 500 { throw error }
                // A certificate that is not trusted will not be on a retry either.
                if case .untrusted = error { throw error }
                lastError = error
            } catch {
                lastError = .unreachable(host: target.host, reason: String(describing: error))
            }
            if attempt < tries { try? await Task.sleep(nanoseconds: UInt64(retryDelay.nanoseconds)) }
        }
        throw lastError
    }

    /// One attempt: the response's status code and body.
    private func send(_ request: Request, to target: Target) async throws -> (Int, [UInt8]) {
        let group = MultiThreadedEventLoopGroup.singleton
        let promise = group.next().makePromise(of: (Int, [UInt8]).self)
        let tls = try target.secure ? NIOSSLContext(configuration: .makeClientConfiguration()) : nil
        // SNI takes a name, never an address.
        let serverName = target.host.allSatisfy { $0.isNumber || $0 == "." || $0 == ":" } ? nil : target.host
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: tls, serverHostname: serverName)
                        )
                    }
                    try channel.pipeline.syncOperations.addHTTPClientHandlers()
                    try channel.pipeline.syncOperations.addHandler(StatusHandler(promise: promise))
                }
            }
        let channel: any Channel
        do {
            channel = try await bootstrap.connect(host: target.host, port: target.port).get()
        } catch {
            promise.fail(error)
            throw PostError.unreachable(host: target.host, reason: Self.describe(error))
        }
        let host = target.host
        let deadline = channel.eventLoop.scheduleTask(in: timeout) {
            promise.fail(PostError.timedOut(host: host))
            channel.close(promise: nil)
        }
        defer {
            deadline.cancel()
            channel.close(promise: nil)
        }
        var head = HTTPRequestHead(version: .http1_1, method: request.method, uri: target.path)
        let bytes = request.body
        head.headers.add(name: "Host", value: target.hostHeader)
        head.headers.add(name: "User-Agent", value: "own")
        if let authorization = request.authorization { head.headers.add(name: "Authorization", value: authorization) }
        if let key = request.idempotencyKey { head.headers.add(name: "Idempotency-Key", value: key) }
        if request.method != .GET { head.headers.add(name: "Content-Type", value: request.contentType) }
        head.headers.add(name: "Content-Length", value: String(bytes.count))
        head.headers.add(name: "Connection", value: "close")
        channel.write(HTTPClientRequestPart.head(head), promise: nil)
        channel.write(HTTPClientRequestPart.body(.byteBuffer(ByteBuffer(bytes: bytes))), promise: nil)
        channel.writeAndFlush(HTTPClientRequestPart.end(nil), promise: nil)
        do {
            return try await promise.futureResult.get()
        } catch let error as PostError {
            throw error
        } catch let error as NIOSSLError {
            throw PostError.untrusted(host: target.host, reason: String(describing: error))
        } catch let error as BoringSSLError {
            throw PostError.untrusted(host: target.host, reason: String(describing: error))
        } catch {
            // Connected and sent: the host was reached, and closed the connection unanswered.
            throw PostError.noAnswer(host: target.host, reason: Self.describe(error))
        }
    }

    /// A few words for a connection that failed: the system's words for an errno (`connection
    /// refused`), not NIO's description (`connection reset (error set): Connection refused) (errno: 111)`).
    static func describe(_ error: any Error) -> String {
        if let error = error as? NIOConnectionError, let first = error.connectionErrors.first {
            return describe(first.error)
        }
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
        return String(describing: error)
    }

    /// Where to post: parsed once, so a bad URL is an input error before anything is sent.
    struct Target {
        var secure: Bool
        var host: String
        var port: Int
        var path: String

        init(_ address: String) throws(PostError) {
            guard let components = URLComponents(string: address), let scheme = components.scheme?.lowercased(),
                scheme == "https" || scheme == "http", let host = components.host, !host.isEmpty
            else { throw .badAddress }
            secure = scheme == "https"
            self.host = host
            port = components.port ?? (secure ? 443 : 80)
            let query = components.percentEncodedQuery.map { "?" + $0 } ?? ""
            path = (components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath) + query
        }

        var hostHeader: String {
            port == (secure ? 443 : 80) ? host : "\(host):\(port)"
        }
    }
}

/// Completes a promise with the response's status and body once the whole response has arrived.
private final class StatusHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPClientResponsePart

    private let promise: EventLoopPromise<(Int, [UInt8])>
    private var status: Int?
    private var body: [UInt8] = []

    init(promise: EventLoopPromise<(Int, [UInt8])>) {
        self.promise = promise
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): status = Int(head.status.code)
        case .body(let buffer): body.append(contentsOf: buffer.readableBytesView)
        case .end:
            if let status { promise.succeed((status, body)) }
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        // A server that answers with a status and hangs up has still answered.
        if let status {
            promise.succeed((status, body))
        } else {
            promise.fail(ChannelError.eof)
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        promise.fail(error)
        context.close(promise: nil)
    }
}
