import OwnCore
import PostgresNIO
public import PostgresTLS

extension PostgresTeamStore {
    /// Where the PostgreSQL store is and how to reach it: what `--database-url` says, plus the schema
    /// the tables live in and the size of the connection pool.
    public struct Configuration: Sendable, Equatable {
        /// How the connection uses TLS, as libpq's `sslmode` names it.
        public typealias TLSMode = PostgresTLSMode

        /// The server's host name or address.
        public var host: String
        /// The server's port.
        public var port: Int
        /// The role to connect as.
        public var user: String
        /// Its password, when the server asks for one.
        public var password: String?
        /// The database; nil for the user's own.
        public var database: String?
        /// How TLS is used.
        public var tls: TLSMode
        /// The schema the store's tables live in, created when absent; nil for the connection's
        /// search path (usually `public`). A letter or `_`, then letters, digits and `_`.
        public var schema: String?
        /// The most connections one server keeps open.
        public var maximumConnections: Int

        /// A configuration; every option beyond the server's address has a default.
        public init(
            host: String,
            port: Int = 5432,
            user: String = "postgres",
            password: String? = nil,
            database: String? = nil,
            tls: TLSMode = .prefer,
            schema: String? = nil,
            maximumConnections: Int = 16
        ) {
            self.host = host
            self.port = port
            self.user = user
            self.password = password
            self.database = database
            self.tls = tls
            self.schema = schema
            self.maximumConnections = maximumConnections
        }

        /// Reads a connection URL, `postgres://user:password@host:port/database?sslmode=…`
        /// (or `postgresql://`); `sslmode` is the one option it takes. Percent-escapes in the user,
        /// password and database are decoded.
        public init(url: String) throws(TeamStoreError) {
            guard let parts = PostgresURL(url) else { throw Self.malformed }
            self.init(
                host: parts.host,
                port: parts.port,
                user: parts.user,
                password: parts.password,
                database: parts.database
            )
            try readOptions(parts.options)
        }

        private mutating func readOptions(_ options: [PostgresURL.Option]) throws(TeamStoreError) {
            switch TLSMode.reading(options, program: "own-server") {
            case .success(let mode): tls = mode
            case .failure(let error):
                throw TeamStoreError.cannotOpen(location: "at --database-url", reason: error.reason)
            }
        }

        private static let malformed = TeamStoreError.cannotOpen(
            location: "at --database-url",
            reason: "it must look like postgres://user:password@host:port/database"
        )

        /// The store's place for messages: the URL without its password.
        public var location: String {
            let where_ = host.contains(":") ? "[\(host)]" : host
            var text = "postgres://\(user)@\(where_):\(port)/\(database ?? "")"
            if let schema { text += " (schema \(schema))" }
            return text
        }

        /// Whether a schema name can be used as it is in SQL: it is never quoted, so it is kept to
        /// the characters that need no quoting.
        static func isValidSchema(_ name: String) -> Bool {
            guard (1...63).contains(name.utf8.count), let first = name.utf8.first else { return false }
            func letter(_ byte: UInt8) -> Bool {
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || byte == UInt8(ascii: "_")
            }
            return letter(first)
                && name.utf8.allSatisfy { letter($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        }

        // MARK: PostgresNIO's configurations

        private var startupParameters: [(String, String)] {
            // No JIT: it compiles a query the planner thinks costly (often one it misjudges) for
            // 50-100 ms, longer than the short reads a server makes take.
            var parameters = [("application_name", "own-server"), ("jit", "off")]
            if let schema { parameters.append(("search_path", schema)) }
            return parameters
        }

        /// The pool's configuration.
        var client: PostgresClient.Configuration {
            var configuration = PostgresClient.Configuration(
                host: host,
                port: port,
                username: user,
                password: password,
                database: database,
                tls: tls.client
            )
            configuration.options.maximumConnections = maximumConnections
            // No timers on a connection handed back: PostgresNIO starts a keep-alive timer (and, above
            // the minimum, an idle timer) each time, as a task sleeping 30 or 60 s that the next lease
            // cancels, but the runtime keeps each sleep's timer until its deadline. A busy server hands
            // connections back thousands of times a second, so timers piled up by the ten thousand and
            // slowed every request (docs/server.md). The pool leases its first free connection, so the
            // steady traffic stays within the minimum; idle connections are not pinged, and one the
            // database closes is replaced when the pool sees it close.
            configuration.options.keepAliveBehavior = nil
            configuration.options.minimumConnections = min(2, maximumConnections)
            configuration.options.additionalStartupParameters = startupParameters
            return configuration
        }

        /// The configuration of one connection outside the pool (migrations), which fails at once
        /// when the server cannot be reached where the pool would keep trying.
        func connection() throws -> PostgresConnection.Configuration {
            var configuration = PostgresConnection.Configuration(
                host: host,
                port: port,
                username: user,
                password: password,
                database: database,
                tls: try tls.connection()
            )
            configuration.options.connectTimeout = .seconds(10)
            configuration.options.additionalStartupParameters = startupParameters
            return configuration
        }
    }
}
