import Foundation
import Hummingbird
import Logging
import ServiceLifecycle
import Synchronization

/// A real webhook on 127.0.0.1 (a port it picks free), served in-process by Hummingbird: it answers
/// every POST with `status` and keeps each body, so tests see exactly what a server delivered and how
/// often. The path holds a fake secret, which no message may quote.
final class WebhookListener: Sendable {
    /// The path a channel's URL points at.
    static let path = "/services/T000/B000/secret-token"

    let port: Int
    private let bodies: Bodies
    private let group: ServiceGroup
    private let task: Task<Void, any Error>

    /// The channel URL for this listener.
    var url: String { "http://127.0.0.1:\(port)\(Self.path)" }

    /// The bodies received so far, in order.
    var received: [String] { bodies.list.withLock { $0 } }

    /// Starts listening; returns once the port is known.
    static func start(status: HTTPResponse.Status = .ok) async throws -> WebhookListener {
        let bodies = Bodies()
        let router = Router()
        router.post("**") { request, _ -> Response in
            let buffer = try await request.body.collect(upTo: 1 << 20)
            bodies.list.withLock { $0.append(String(buffer: buffer)) }
            return Response(status: status)
        }
        let (port, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "webhook-listener")
        logger.logLevel = .error
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in portContinuation.yield(channel.localAddress?.port ?? 0) },
            logger: logger
        )
        let group = ServiceGroup(services: [app], logger: logger)
        let task = Task { try await group.run() }
        var iterator = port.makeAsyncIterator()
        guard let picked = await iterator.next(), picked > 0 else {
            task.cancel()
            throw ListenerFailure()
        }
        return WebhookListener(port: picked, bodies: bodies, group: group, task: task)
    }

    private init(port: Int, bodies: Bodies, group: ServiceGroup, task: Task<Void, any Error>) {
        self.port = port
        self.bodies = bodies
        self.group = group
        self.task = task
    }

    /// Stops listening.
    func stop() async {
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }
}

/// The bodies received, shared by the route and the listener.
private final class Bodies: Sendable {
    let list = Mutex<[String]>([])
}

private struct ListenerFailure: Error {}
