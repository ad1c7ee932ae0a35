import Logging
import OwnCore
import PostgresNIO
import PostgresTLS

/// Reads table sizes from a running PostgreSQL: `pg_class.reltuples` and `pg_total_relation_size`.
public enum LiveSizes {
    /// Connects to `url` (`postgres://user:password@host:port/database`) and reads every user table's size.
    public static func read(url: String) async throws(GateError) -> TableSizes {
        let configuration = try connectionConfiguration(url)
        let logger = Logger(label: "own.gate.sizes")
        do {
            let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: logger)
            do {
                let rows = try await connection.query(
                    """
                    SELECT n.nspname, c.relname, c.reltuples::float8, pg_total_relation_size(c.oid)::int8
                    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE c.relkind IN ('r', 'p', 'm')
                      AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                      AND n.nspname NOT LIKE 'pg_toast%'
                    """,
                    logger: logger
                )
                var sizes = TableSizes()
                // A table dropped while this runs has no size (NULL): it is left out.
                for try await (schema, name, tuples, bytes) in rows.decode((String, String, Double, Int64?).self) {
                    guard let bytes else { continue }
                    // reltuples is -1 (PostgreSQL 14+) or 0 for a table never vacuumed or analyzed.
                    let rowCount: Int? = tuples < 0 ? nil : Int(tuples)
                    sizes.tables[ObjectName(schema: schema, name: name).qualified] = TableSize(
                        rows: rowCount,
                        bytes: Int(bytes)
                    )
                }
                let indexes = try await connection.query(
                    """
                    SELECT n.nspname, i.relname, tn.nspname, t.relname
                    FROM pg_index x
                    JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_namespace n ON n.oid = i.relnamespace
                    JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
                    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
                    """,
                    logger: logger
                )
                for try await (schema, index, tableSchema, table) in indexes.decode(
                    (String, String, String, String).self
                ) {
                    sizes.indexes[ObjectName(schema: schema, name: index).qualified] =
                        ObjectName(schema: tableSchema, name: table).qualified
                }
                try await connection.close()
                return sizes
            } catch {
                try? await connection.close()
                throw error
            }
        } catch let error as PSQLError {
            throw .database(describe(error))
        } catch {
            throw .database("the connection failed")
        }
    }

    static func describe(_ error: PSQLError) -> String {
        if let message = error.serverInfo?[.message] { return "the server said: \(message)" }
        switch error.code {
        case .connectionError: return "the server cannot be reached"
        case .sslUnsupported:
            return "the server does not offer TLS, which sslmode asks for (use sslmode=prefer or disable)"
        case .serverClosedConnection, .uncleanShutdown: return "the server closed the connection"
        default: return "the query failed"
        }
    }

    /// Parses a `postgres://` or `postgresql://` URL into a connection configuration.
    static func connectionConfiguration(_ url: String) throws(GateError) -> PostgresConnection.Configuration {
        guard let components = PostgresURL(url) else {
            throw GateError.badOption("--database-url must look like postgres://user:password@host:port/database")
        }
        let mode: PostgresTLSMode
        switch PostgresTLSMode.reading(components.options, program: "own gate") {
        case .success(let read): mode = read
        case .failure(let error): throw GateError.badOption("--database-url: \(error.reason)")
        }
        let tls: PostgresConnection.Configuration.TLS
        do {
            tls = try mode.connection()
        } catch {
            throw GateError.database("TLS could not be set up: \(error)")
        }
        var configuration = PostgresConnection.Configuration(
            host: components.host,
            port: components.port,
            username: components.user,
            password: components.password,
            database: components.database,
            tls: tls
        )
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }
}
