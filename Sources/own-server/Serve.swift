import ArgumentParser
import Foundation
import Hummingbird
import Logging
import OwnCore
import OwnServer

extension ServerCommand {
    /// `own serve`: runs the team server until SIGTERM or SIGINT, which let in-flight requests finish.
    struct Serve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "serve",
            _superCommandName: "own",
            abstract: "Run the team server (SQLite by default; PostgreSQL with --database-url).",
            discussion: """
                With OWN_NOW set (an ISO-8601 instant, as for own's commands) the server's clock starts there \
                and runs on from it, for demos and tests; the log says so.
                """
        )
        @OptionGroup var store: StoreOptions
        @Option(
            help: ArgumentHelp(
                "The address to listen on; 127.0.0.1 unless you mean to serve other machines.",
                valueName: "address"
            )
        )
        var host = "127.0.0.1"
        @Option(help: "The port to listen on; 0 picks a free one (printed when listening).") var port = 8080
        @Option(
            name: .customLong("max-body-bytes"),
            help: ArgumentHelp(
                "The largest request body accepted, 1024 or more (a ping's body is cut to its first 10,000 bytes "
                    + "instead; marking the inbox read takes at most 1 MiB).",
                valueName: "bytes"
            )
        )
        var maxBodyBytes = 32 * 1024 * 1024
        @Option(
            name: .customLong("log-level"),
            help: ArgumentHelp("trace, debug, info, notice, warning, error, critical.", valueName: "level"),
            completion: .list(Logger.Level.allCases.map(\.rawValue))
        )
        var logLevel = "info"
        @Option(
            name: .customLong("public-url"),
            help: ArgumentHelp(
                "The server's URL as clients reach it, for the ping and API URLs a check lists "
                    + "(default: the scheme and host each request came with).",
                valueName: "url"
            )
        )
        var publicURL: String?
        @Option(
            name: .customLong("idle-timeout"),
            help: ArgumentHelp(
                "Seconds a connection may send nothing (no request, or one left unfinished) before it is closed, "
                    + "up to \(Self.longestIdleTimeout) (a week).",
                valueName: "seconds"
            )
        )
        var idleTimeout = 75

        /// The longest `--idle-timeout`, in seconds: a week.
        static let longestIdleTimeout = 7 * 86_400

        func validate() throws {
            guard (0...65535).contains(port) else { throw ValidationError("--port must be from 0 to 65535") }
            _ = try Self.clockStart(ProcessInfo.processInfo.environment)
            // A push of one event takes a few hundred bytes.
            guard maxBodyBytes >= 1024 else {
                throw ValidationError("--max-body-bytes must be at least 1024 (one event's push takes a few hundred)")
            }
            // Bounded: SwiftNIO takes it in nanoseconds, and a value past 292 years stopped the server
            // as it started (found by an audit).
            guard (1...Self.longestIdleTimeout).contains(idleTimeout) else {
                throw ValidationError("--idle-timeout must be from 1 to \(Self.longestIdleTimeout) seconds (a week)")
            }
            guard Logger.Level(rawValue: logLevel) != nil else {
                throw ValidationError(
                    "--log-level must be one of: trace, debug, info, notice, warning, error, critical"
                )
            }
        }

        /// Where the server's clock starts when `OWN_NOW` is set (as for `own`'s commands, which it
        /// fixes): the server's clock runs on from it, for demos and tests of what happens over time
        /// (an event dated ahead of the clock, a deadline). Nil when unset or empty: the machine's clock.
        static func clockStart(_ environment: [String: String]) throws -> Date? {
            guard let text = environment["OWN_NOW"], !text.isEmpty else { return nil }
            guard let start = Timestamp.instant(text) else {
                // Worded to start lower case, as every message does (the variable's name keeps its case).
                throw ValidationError("the environment's " + Timestamp.instantError(text, from: "OWN_NOW"))
            }
            // The server dates its own events by it (incidents, marks, approvals), and a ledger keeps
            // 1970 to 3999 only, as `own` refuses: an export of a ledger that pulled them would not import.
            guard Timestamp.years.contains(start) else {
                throw ValidationError(
                    // Worded to start lower case, as every message does (the variable's name keeps its case).
                    "the environment's OWN_NOW \"\(text)\" is outside the years a ledger keeps, 1970 to 3999; "
                        + "check the year"
                )
            }
            return start
        }

        /// `--public-url` without its trailing slashes, once it is an http or https URL with a host and
        /// nothing after its path.
        static func publicBase(_ given: String) throws -> String {
            guard let url = URL(string: given), ["http", "https"].contains(url.scheme?.lowercased() ?? ""),
                url.host?.isEmpty == false, url.query == nil, url.fragment == nil, url.user == nil,
                url.port.map({ (1...65535).contains($0) }) ?? true
            else {
                throw ValidationError(
                    "--public-url must be an http:// or https:// URL with a host and no query, such as https://own.example.com"
                )
            }
            var base = given
            while base.hasSuffix("/") { base.removeLast() }
            return base
        }

        func run() async throws {
            LoggingSystem.bootstrap { label in
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = Logger.Level(rawValue: logLevel) ?? .info
                return handler
            }
            try ListenCheck.check(host: host, port: port)
            let logger = Logger(label: "own-server")
            ShutdownDeadline.arm(logger: logger)
            var now: @Sendable () -> Date = { Date() }
            if let start = try Self.clockStart(ProcessInfo.processInfo.environment) {
                let offset = start.timeIntervalSinceNow
                now = { Date(timeIntervalSinceNow: offset) }
                logger.warning(
                    "the server's clock starts at \(Timestamp.format(start)) (OWN_NOW) and runs on from there, not the machine's"
                )
            }
            var configuration = ServerConfiguration(
                host: host,
                port: port,
                maxBodyBytes: maxBodyBytes,
                publicURL: try publicURL.map(Self.publicBase),
                now: now
            )
            configuration.idleTimeout = TimeInterval(idleTimeout)
            let host = host
            // Said, so that an operator sees which store a mistyped --db (or another user's
            // XDG_DATA_HOME) made: every token was refused in it, and nothing said why.
            let (location, isNew) = (store.location, store.isNewFile)
            // The store outlives the HTTP server: requests in flight at SIGTERM finish before a
            // PostgreSQL store's pool closes.
            try await store.withStore(logger: logger) { opened in
                if isNew {
                    let made =
                        "made a new, empty store at \(location): it has no team and no token yet; add them with "
                        + "`own server team add NAME --db \(location)` (or give --db the store you meant)"
                    logger.warning("\(made)")
                } else {
                    logger.info("serving the store at \(location)")
                }
                try await TeamServer.run(store: opened, configuration: configuration, logger: logger) { port in
                    // The first line on stdout, which scripts and tests wait for.
                    FileHandle.standardOutput.write(Data("own-server listening on http://\(host):\(port)\n".utf8))
                }
            }
        }
    }
}
