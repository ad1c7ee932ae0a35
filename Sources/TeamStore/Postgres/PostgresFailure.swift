import PostgresNIO
import _ConnectionPoolModule

/// What a PostgreSQL failure means for a person: never the SQL, never a bound value. The server's
/// own words are kept only where they name the fix (a wrong password, a database that is absent).
enum PostgresFailure {
    static func reason(_ error: any Error, opening: Bool) -> String {
        if let pool = error as? ConnectionPoolError {
            // After a minute of failed connections the pool stops trying for each request.
            return pool == .connectionCreationCircuitBreakerTripped
                ? "PostgreSQL cannot be reached (no connection for a while); nothing was written, try again shortly"
                : "the connection to PostgreSQL closed; try again"
        }
        guard let error = error as? PSQLError else {
            return opening ? "the connection failed (\(type(of: error)))" : "the database failed"
        }
        if let state = error.serverInfo?[.sqlState] {
            let message = error.serverInfo?[.message] ?? ""
            switch state {
            case "28P01", "28000":
                return "PostgreSQL refused the login: \(message); check the user and password in --database-url"
            case "3D000": return "PostgreSQL says: \(message); create it or fix --database-url"
            // Every open checks its tables with CREATE TABLE IF NOT EXISTS, read-only commands too.
            case "42501":
                return "the database user lacks a permission the store needs: \(message) (every server and "
                    + "`own server` command needs CREATE on the schema, and SELECT, INSERT, UPDATE and DELETE on its tables)"
            case "25006": return "the database is read-only (a standby?); point --database-url at the primary"
            case "53100": return "the database's disk is full; nothing was written"
            case "53300": return "PostgreSQL has no free connections; nothing was written, try again"
            case "57P01", "57P02", "57P03":
                return "PostgreSQL is shutting down or starting; nothing was written, try again"
            case "40001", "40P01": return "the database could not serialise this write; nothing was written, try again"
            default:
                return opening
                    ? "PostgreSQL refused to set up the store (SQLSTATE \(state)): \(message)"
                    : "PostgreSQL refused a statement (SQLSTATE \(state)); nothing was written"
            }
        }
        switch error.code {
        case .connectionError:
            return "PostgreSQL cannot be reached; check the host and port in --database-url and that it is running"
        case .serverClosedConnection, .uncleanShutdown, .clientClosedConnection, .poolClosed:
            return "the connection to PostgreSQL closed; try again"
        case .sslUnsupported: return "PostgreSQL does not offer TLS; use sslmode=prefer or disable in --database-url"
        case .failedToAddSSLHandler: return "TLS could not be set up with PostgreSQL"
        case .unsupportedAuthMechanism, .authMechanismRequiresPassword:
            return "PostgreSQL asks for a login own-server cannot give; put the password in --database-url"
        default: return "the database failed"
        }
    }
}
