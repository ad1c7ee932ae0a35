public import Hummingbird
import HummingbirdCore
public import Logging
import OwnCore
public import Prometheus
import ServiceLifecycle
public import TeamStore
import UnixSignals

/// The team server: one router over one store. Tests drive `router` in-process; `own-server`
/// runs `application`.
public enum TeamServer {
    /// The API's routes over a store.
    public static func router(
        store: any TeamStore,
        configuration: ServerConfiguration = ServerConfiguration(),
        registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry()
    ) -> Router<ServerContext> {
        // HEAD answers wherever GET does, with GET's status and headers and no body: uptime checkers
        // and link checkers ask with HEAD.
        let router = Router(context: ServerContext.self, options: .autoGenerateHeadEndpoints)
        router.add(middleware: HeadWithoutBody())
        // The metrics count the status sent: outside the translation of errors into statuses (inside
        // it, a store that did not answer counted as a 500 when a 503 was sent).
        router.add(middleware: RequestMetrics(registry: registry))
        router.add(middleware: ErrorTranslation(store: store))
        router.add(middleware: MethodNotAllowed())
        router.add(middleware: UnknownQueryParameters())
        router.add(middleware: NoNULInPath())
        router.get("health") { _, _ in Response.json(#"{"status":"ok"}"#) }
        router.get("ready") { _, _ in await Readiness.response(store: store, within: configuration.readyWithin) }
        router.get("metrics") { _, _ in
            Response.body(registry.emitToString(), contentType: "text/plain; version=0.0.4")
        }
        router.get("openapi.json") { _, _ in Response.json(OpenAPIDocument.text) }
        let api = router.group("api/v1").add(middleware: TokenAuthentication(store: store))
        EventRoutes(store: store, configuration: configuration).add(to: api)
        ReadRoutes(store: store, configuration: configuration).add(to: api)
        ReportRoutes(store: store, configuration: configuration).add(to: api)
        if let inbox = store as? any InboxStore {
            InboxRoutes(store: inbox, events: store, configuration: configuration).add(to: api)
        }
        Dashboard.add(to: router, store: store, configuration: configuration)
        addMonitorRoutes(to: router, store: store, configuration: configuration)
        return router
    }

    /// How long SIGTERM or SIGINT lets requests in flight and the background services' passes finish
    /// before they are cancelled: with PostgreSQL down, a pass waited on the pool about a minute, and
    /// so did the exit.
    static let shutdownGrace: Duration = .seconds(10)

    /// Runs the server until SIGTERM or SIGINT, then drains it for at most `shutdownGrace`.
    public static func run(
        store: any TeamStore,
        configuration: ServerConfiguration,
        logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let server = application(store: store, configuration: configuration, logger: logger, onRunning: onRunning)
        var group = ServiceGroupConfiguration(
            services: [server],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        group.maximumGracefulShutdownDuration = shutdownGrace
        try await ServiceGroup(configuration: group).run()
    }

    /// The server as a service: HTTP on the configured address, draining in-flight requests on
    /// SIGTERM or SIGINT (`run`). `onRunning` gets the port it listens on.
    public static func application(
        store: any TeamStore,
        configuration: ServerConfiguration,
        logger: Logger,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        let registry = PrometheusCollectorRegistry()
        return Application(
            router: router(store: store, configuration: configuration, registry: registry),
            server: HTTPServerBuilder { responder in
                ClosingHTTP1Channel(
                    http1: HTTP1Channel(
                        responder: responder,
                        configuration: .init(idleTimeout: .nanoseconds(Int64(configuration.idleTimeout * 1e9)))
                    )
                )
            },
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port),
                serverName: "own-server"
            ),
            services: scheduleServices(store: store, configuration: configuration, registry: registry, logger: logger)
                + monitorServices(store: store, configuration: configuration, registry: registry, logger: logger),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger
        )
    }
}
