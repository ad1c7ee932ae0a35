import Foundation
import OwnCore
import OwnStore
import PostgresNIO
import PostgresTLS
import Testing

@testable import TeamStore

private func instant(_ text: String) -> Date { Timestamp.parse(text)! }

/// An event `minute`s into the morning of 23 November: a loop's creation, or a note on it.
private func event(_ id: String, loop: String, creates: Bool, minute: Int) -> Event {
    let fields: EventFields = creates ? ["title": .string("Loop \(loop)")] : ["note": .string(id)]
    return Event(
        id: id,
        loop: loop,
        at: instant("2026-11-23T09:00:00Z").addingTimeInterval(Double(minute * 60)),
        by: "ana",
        type: creates ? .created : .noted,
        fields: fields
    )
}

/// What only the PostgreSQL engine has to show: several servers on one database, migrations that
/// two servers may start at once, and its errors. The contract it shares with SQLite is in
/// `TeamStoreContractTests`.
@Suite(
    "The PostgreSQL team store, with several servers on one database",
    .enabled(if: PostgresTestDatabase.url != nil, "needs OWN_TEST_POSTGRES_URL (source .ci/postgres.sh)")
)
struct PostgresTeamStoreTests {
    /// Two servers, each with its own pool, started at once on a fresh schema: both migrate without
    /// tripping on each other, and the schema is migrated once.
    private static func twoServers(schema: String) async throws -> (PostgresTeamStore, PostgresTeamStore) {
        async let first = PostgresTestDatabase.open(schema: schema)
        async let second = PostgresTestDatabase.open(schema: schema)
        return try await (first, second)
    }

    @Test func twoServersAppendingAtOnceNumberEveryEventOnceWithoutGapsInArrivalOrder() async throws {
        let schema = PostgresTestDatabase.newSchema()
        let (one, two) = try await Self.twoServers(schema: schema)
        let migrations = try await PostgresTestDatabase.execute(
            ["SELECT (count(*) = max(version) AND min(version) = 1)::text FROM own_server_schema"],
            schema: schema
        )
        // Each migration applied once, in order, however many there are.
        #expect(migrations == ["true"])
        try await withThrowingTaskGroup(of: Void.self) { pools in
            pools.addTask { try await one.run() }
            pools.addTask { try await two.run() }
            defer { pools.cancelAll() }
            _ = try await one.addTeam("payments", at: instant("2026-11-01T00:00:00Z"))
            _ = try await one.append(
                [event("shared-0", loop: "pay-shared", creates: true, minute: 0)],
                team: "payments"
            )
            // 2 servers × 6 writers × 20 batches × 10 events, every batch with a note on one loop
            // that every writer shares, so lost updates of its projection would show.
            let writers = 6
            let batches = 20
            let size = 10
            let batchIDs = try await withThrowingTaskGroup(of: [[String]].self) { group in
                for server in [one, two].indices {
                    let store = [one, two][server]
                    for writer in 0..<writers {
                        group.addTask {
                            var sent: [[String]] = []
                            for batch in 0..<batches {
                                let prefix = "s\(server)-w\(writer)-b\(batch)"
                                let events = (0..<size).map { (index: Int) -> Event in
                                    let loop = index == 0 ? "pay-shared" : "pay-\(prefix)"
                                    return event(
                                        "\(prefix)-e\(index)",
                                        loop: loop,
                                        creates: index == 1,
                                        minute: 60 + index
                                    )
                                }
                                let result = try await store.append(events, team: "payments")
                                #expect(result.added == size)
                                sent.append(events.map(\.id))
                            }
                            return sent
                        }
                    }
                }
                var all: [[String]] = []
                for try await sent in group { all += sent }
                return all
            }

            let total = 1 + 2 * writers * batches * size
            let stored = try await two.events(team: "payments", after: 0, limit: total + 10)
            #expect(stored.map(\.seq) == Array(1...Int64(total)))
            #expect(try await one.lastSeq(team: "payments") == Int64(total))
            var seqOfID: [String: Int64] = [:]
            for event in stored {
                let id = try #require(Self.id(of: event.line))
                #expect(seqOfID.updateValue(event.seq, forKey: id) == nil, "\(id) is stored twice")
            }
            #expect(seqOfID.count == total)
            // Each batch went in under its team's lock: its events have consecutive numbers, in the
            // order they were sent.
            for ids in batchIDs {
                let seqs = ids.compactMap { seqOfID[$0] }
                #expect(seqs.count == size)
                if let first = seqs.first { #expect(seqs == Array(first..<(first + Int64(size)))) }
            }
            let shared = try #require(try await one.loop(team: "payments", key: "pay-shared", asOf: nil))
            #expect(shared.eventCount == 1 + 2 * writers * batches)
            let loops = try await two.loops(team: "payments", query: LoopQuery(), asOf: nil)
            #expect(loops.count == 1 + 2 * writers * batches)
            #expect(Set(loops.map(\.number)) == Set(1...(1 + 2 * writers * batches)))
        }
        await PostgresTestDatabase.drop(schema: schema)
    }

    @Test func theSameBatchPushedThroughTwoServersAtOnceIsStoredOnce() async throws {
        let schema = PostgresTestDatabase.newSchema()
        let (one, two) = try await Self.twoServers(schema: schema)
        try await withThrowingTaskGroup(of: Void.self) { pools in
            pools.addTask { try await one.run() }
            pools.addTask { try await two.run() }
            defer { pools.cancelAll() }
            _ = try await one.addTeam("payments", at: instant("2026-11-01T00:00:00Z"))
            let events = (0..<200).map { (index: Int) -> Event in
                event("e\(index)", loop: "pay-\(index / 10)", creates: index % 10 == 0, minute: index)
            }
            async let first = one.append(events, team: "payments")
            async let second = two.append(events, team: "payments")
            let results = try await [first, second]
            #expect(results.map(\.added).sorted() == [0, 200])
            #expect(results.map(\.skipped).sorted() == [0, 200])
            #expect(results.map(\.lastSeq) == [200, 200])
            #expect(try await one.events(team: "payments", after: 0, limit: 1000).count == 200)
            #expect(try await two.loops(team: "payments", query: LoopQuery(), asOf: nil).count == 20)
        }
        await PostgresTestDatabase.drop(schema: schema)
    }

    /// Every name and key compares byte by byte, as on SQLite and in Swift: a text column left to the
    /// database's collation (monitors' names) ordered lists another way on a database made with a
    /// language's collation (en-US), whatever this test database's own is.
    @Test func everyTextThatOrdersAListComparesByteByByte() async throws {
        let schema = PostgresTestDatabase.newSchema()
        _ = try await PostgresTestDatabase.open(schema: schema)
        let collations = try await PostgresTestDatabase.execute(
            [
                """
                SELECT table_name || '.' || column_name || ' ' || coalesce(collation_name, 'default')
                FROM information_schema.columns
                WHERE table_schema = '\(schema)' AND table_name <> 'own_server_schema' AND column_name IN ('name', 'slug', 'key', 'team', 'owner', 'person')
                  AND data_type = 'text' AND coalesce(collation_name, '') <> 'C'
                ORDER BY 1
                """
            ],
            schema: schema
        )
        #expect(collations.isEmpty, "\(collations)")
        await PostgresTestDatabase.drop(schema: schema)
    }

    @Test func aStoreMigratedByANewerServerIsRefusedAndLeftAlone() async throws {
        let schema = PostgresTestDatabase.newSchema()
        let configuration = try PostgresTestDatabase.configuration(schema: schema)
        let teams = try await PostgresTeamStore.withStore(configuration) { store in
            _ = try await store.addTeam("payments", at: instant("2026-11-01T00:00:00Z"))
            return try await store.teams().map(\.name)
        }
        #expect(teams == ["payments"])
        try await PostgresTestDatabase.execute(
            ["INSERT INTO own_server_schema (version, name) VALUES (99, 'v99: from the future')"],
            schema: schema
        )
        await #expect(throws: TeamStoreError.newerSchema(location: configuration.location)) {
            try await PostgresTeamStore.open(configuration)
        }
        let left = try await PostgresTestDatabase.execute(
            [
                """
                SELECT name FROM teams UNION ALL SELECT version::text FROM own_server_schema WHERE version > 50
                ORDER BY 1
                """
            ],
            schema: schema
        )
        #expect(left == ["99", "payments"])
        await PostgresTestDatabase.drop(schema: schema)
    }

    @Test func aDatabaseThatDoesNotExistIsNamedWithTheFix() async throws {
        var configuration = try PostgresTestDatabase.configuration(schema: "unused")
        configuration.database = "own_no_such_database"
        do {
            _ = try await PostgresTeamStore.open(configuration)
            Issue.record("a missing database opened")
        } catch let error as TeamStoreError {
            #expect(error.description.contains("\"own_no_such_database\" does not exist"))
            #expect(error.description.contains("--database-url"))
        }
    }

    /// The `id` of a stored interchange line.
    private static func id(of line: String) -> String? {
        guard let range = line.range(of: "\"id\":\"") else { return nil }
        return line[range.upperBound...].split(separator: "\"", maxSplits: 1).first.map(String.init)
    }
}

/// Reading `--database-url`, and what a person sees when the database cannot be reached; no
/// database needed.
@Suite("The PostgreSQL team store's configuration")
struct PostgresConfigurationTests {
    /// The suites above are enabled by OWN_TEST_POSTGRES_URL; under CI (`.ci/run` sets CI=true) it
    /// must be set. Elsewhere this test is skipped.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] == "true", "only under CI"))
    func underCIThePostgreSQLTestsCannotBeSkipped() {
        #expect(PostgresTestDatabase.url != nil, "source .ci/postgres.sh before the tests")
    }

    /// The contract suites run each test on every engine of `Engine.all`, PostgreSQL only when
    /// OWN_TEST_POSTGRES_URL is set. Without it their PostgreSQL cases are not listed at all, so
    /// this test shows as skipped, and a run on SQLite alone is not read as a run on both.
    @Test(
        .enabled(
            if: PostgresTestDatabase.url != nil,
            "the contract suites' PostgreSQL cases need OWN_TEST_POSTGRES_URL"
        )
    )
    func theContractSuitesRunOnPostgreSQLToo() {
        #expect(Engine.all.map(\.name) == ["SQLite", "PostgreSQL"])
    }

    /// PostgresNIO starts a keep-alive timer, and above the pool's minimum an idle timer, each time a
    /// connection goes back to the pool, and a cancelled timer stays until its deadline: a busy server
    /// piled them up by the ten thousand (docs/server.md). The pool has neither on the connections
    /// its steady traffic uses.
    @Test func aConnectionHandedBackToThePoolStartsNoTimer() throws {
        let pool = try PostgresTeamStore.Configuration(url: "postgres://db.example/own").client.options
        #expect(pool.keepAliveBehavior == nil)
        #expect(pool.minimumConnections == 2)
        #expect(pool.maximumConnections == 16)
        var one = try PostgresTeamStore.Configuration(url: "postgres://db.example/own")
        one.maximumConnections = 1
        #expect(one.client.options.minimumConnections == 1)
    }

    @Test func aFullURLGivesEveryPart() throws {
        let configuration = try PostgresTeamStore.Configuration(
            url: "postgresql://own%40team:p%3Ass@db.example:6432/own_server?sslmode=verify-full"
        )
        #expect(
            configuration
                == PostgresTeamStore.Configuration(
                    host: "db.example",
                    port: 6432,
                    user: "own@team",
                    password: "p:ss",
                    database: "own_server",
                    tls: .verifyFull
                )
        )
        #expect(configuration.location == "postgres://own@team@db.example:6432/own_server")
        #expect(!configuration.location.contains("p:ss"))
    }

    @Test func aShortURLTakesLibpqsDefaults() throws {
        let configuration = try PostgresTeamStore.Configuration(url: "postgres://[::1]/")
        #expect(
            configuration == PostgresTeamStore.Configuration(host: "::1", port: 5432, user: "postgres", tls: .prefer)
        )
    }

    @Test(arguments: [
        ("mysql://localhost/own", "postgres://user:password@host:port/database"),
        ("postgres://localhost:port/own", "postgres://user:password@host:port/database"),
        ("postgres://localhost:70000/own", "postgres://user:password@host:port/database"),
        ("postgres://localhost/own?sslmode=sometimes", "sslmode must be one of disable, prefer, require"),
        ("postgres://localhost/own?connect_timeout=5", "\"connect_timeout\" is not one own-server reads"),
    ])
    func aURLItCannotUseSaysWhatToWrite(url: String, advice: String) {
        do {
            _ = try PostgresTeamStore.Configuration(url: url)
            Issue.record("\(url) was taken")
        } catch {
            #expect(error.description.contains(advice))
            #expect(error.description.contains("--database-url"))
        }
    }

    @Test func aServerThatCannotBeReachedIsAnErrorThatSaysWhereToLook() async throws {
        let configuration = PostgresTeamStore.Configuration(host: "127.0.0.1", port: 1, database: "own", tls: .disable)
        do {
            _ = try await PostgresTeamStore.open(configuration)
            Issue.record("port 1 answered")
        } catch let error as TeamStoreError {
            #expect(
                error
                    == .cannotOpen(
                        location: "postgres://postgres@127.0.0.1:1/own",
                        reason:
                            "PostgreSQL cannot be reached; check the host and port in --database-url and that it is running"
                    )
            )
        }
    }

    @Test func aSchemaNameThatWouldNeedQuotingIsRefused() async throws {
        var configuration = PostgresTeamStore.Configuration(host: "127.0.0.1", port: 1, tls: .disable)
        configuration.schema = "own; DROP TABLE x"
        await #expect(throws: TeamStoreError.self) { try await PostgresTeamStore.open(configuration) }
    }
}
