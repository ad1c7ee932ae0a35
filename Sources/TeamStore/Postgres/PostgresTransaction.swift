import Logging
import PostgresNIO
import _ConnectionPoolModule

/// What failed in a transaction (`PostgresTeamStore.transaction`): its BEGIN, its body or its COMMIT.
struct TransactionFailure: Error {
    var begin: (any Error)?
    var body: (any Error)?
    var commit: (any Error)?

    /// The error that ended the transaction.
    var cause: any Error { body ?? begin ?? commit ?? self }
}

extension PostgresTeamStore {
    /// Runs `body` in a transaction on a leased connection: BEGIN, the body, COMMIT, or ROLLBACK when
    /// the body throws. PostgresNIO's own `withTransaction` sent its ROLLBACK on a connection
    /// PostgreSQL had just closed (a crash mid-push): the query was written to a closed channel and
    /// its answer awaited for ever, and so was the push, and the server's exit. A connection that is
    /// gone is not asked to roll back: PostgreSQL rolls back a transaction whose connection ends.
    func transaction<Result: Sendable>(_ body: (PostgresConnection) async throws -> Result) async throws -> Result {
        try await client.withConnection { connection in
            do {
                try await connection.query("BEGIN;", logger: logger)
            } catch {
                throw TransactionFailure(begin: error)
            }
            let value: Result
            do {
                value = try await body(connection)
            } catch {
                if !connection.isClosed, !Self.isConnectionLoss(error) {
                    _ = try? await connection.query("ROLLBACK;", logger: logger)
                }
                throw TransactionFailure(body: error)
            }
            do {
                try await connection.query("COMMIT;", logger: logger)
            } catch {
                throw TransactionFailure(commit: error)
            }
            return value
        }
    }

    /// Whether an error says the connection itself is gone (no query on it will be answered).
    static func isConnectionLoss(_ error: any Error) -> Bool {
        guard let error = error as? PSQLError else { return false }
        return [.serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .connectionError]
            .contains(error.code)
    }
}
