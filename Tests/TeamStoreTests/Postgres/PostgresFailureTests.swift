import PostgresNIO
import Testing
import _ConnectionPoolModule

@testable import TeamStore

/// What a PostgreSQL failure says, for the failures a person meets when the database goes away.
@Suite("PostgreSQL failures in words")
struct PostgresFailureTests {
    /// A minute without the database trips the pool's circuit breaker, whose error PostgresNIO passes
    /// through as its own: it is the database being unreachable (503, try again), not the server
    /// failing (500), and it names no library type.
    @Test func aTrippedCircuitBreakerIsTheDatabaseUnreachable() {
        let reason = PostgresFailure.reason(ConnectionPoolError.connectionCreationCircuitBreakerTripped, opening: false)
        #expect(reason.hasPrefix("PostgreSQL cannot be reached"))
        #expect(!reason.contains("ConnectionPool"))
        #expect(PostgresFailure.reason(ConnectionPoolError.poolShutdown, opening: false).contains("closed"))
    }
}
