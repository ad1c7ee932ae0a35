// The team store's engines at the sizes the server must handle: a push of 10,000 events in one
// append, and a pull of every event of a team of 1,000,000, each beside its floor in the same run
// (the same rows written to, and read from, a bare table with the same driver, no store logic).
//
// own-teamstore-bench --database-url postgres://… [--events 1000000]
// Prints medians in milliseconds and the ratio of each engine to its floor.
import Foundation
import GRDB
import Logging
import OwnCore
import PostgresNIO
import TeamStore

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
    arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
guard let url = option("--database-url") else {
    FileHandle.standardError.write(Data("usage: own-teamstore-bench --database-url URL [--events N]\n".utf8))
    exit(2)
}
let total = Int(option("--events") ?? "") ?? 1_000_000
let batch = 10_000
let rounds = 5

/// 10,000 events of 1,000 loops (a creation and nine notes each), ids and keys unique to `round`.
func events(round: Int) -> [Event] {
    let start = Date(timeIntervalSince1970: 1_795_000_000)
    return (0..<batch).map { index in
        let loop = "pay-r\(round)l\(index / 10)"
        let at = start.addingTimeInterval(Double(round * batch + index))
        return index % 10 == 0
            ? Event(id: "r\(round)e\(index)", loop: loop, at: at, by: "ana", type: .created, fields: ["title": "Loop"])
            : Event(
                id: "r\(round)e\(index)",
                loop: loop,
                at: at,
                by: "ana",
                type: .noted,
                fields: ["note": "a note of a typical length, about this long"]
            )
    }
}

@MainActor func milliseconds(_ body: () async throws -> Void) async rethrows -> Double {
    let clock = ContinuousClock()
    let elapsed = try await clock.measure { try await body() }
    return Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

func report(_ engine: String, _ measure: String, _ value: Double, floor: Double) {
    print(
        "\(engine)\t\(measure)\tmedian \(String(format: "%.1f", value)) ms\tfloor \(String(format: "%.1f", floor)) ms"
            + "\t× \(String(format: "%.2f", value / floor))"
    )
}

/// Pushes `rounds` batches (timed), fills the team to `total` events, then pulls them all (timed).
@MainActor func measure(
    _ engine: String,
    store: any TeamStore,
    floorPush: (Int) async throws -> Double,
    floorPull: () async throws -> Double
)
    async throws
{
    _ = try await store.addTeam("payments", at: Date())
    var pushes: [Double] = []
    var floors: [Double] = []
    for round in 0..<rounds {
        let batch = events(round: round)
        pushes.append(try await milliseconds { _ = try await store.append(batch, team: "payments") })
        floors.append(try await floorPush(round))
    }
    report(engine, "push 10,000 events", median(pushes), floor: median(floors))
    var round = rounds
    while try await store.lastSeq(team: "payments") < Int64(total) {
        _ = try await store.append(events(round: round), team: "payments")
        round += 1
    }
    var pulls: [Double] = []
    var pullFloors: [Double] = []
    for _ in 0..<3 {
        pulls.append(
            try await milliseconds {
                var after: Int64 = 0
                var count = 0
                while true {
                    let page = try await store.events(team: "payments", after: after, limit: 100_000)
                    guard let last = page.last else { break }
                    count += page.count
                    after = last.seq
                }
                precondition(count >= total)
            }
        )
        pullFloors.append(try await floorPull())
    }
    report(engine, "pull \(total) events", median(pulls), floor: median(pullFloors))
}

/// Reads `count` rows of the bare table (again from the top as often as needed), off the main
/// actor as the store reads.
func readLines(_ client: PostgresClient, count: Int) async throws {
    var read = 0
    while read < count {
        let rows = try await client.query("SELECT seq, line FROM lines ORDER BY seq LIMIT \(count - read)")
        for try await (_, _) in rows.decode((Int64, String).self) { read += 1 }
    }
}

let lines = events(round: 9_999).map(\.jsonLine)

// SQLite: the floor writes the same lines to a bare table in one transaction, and reads them back.
let folder = NSTemporaryDirectory() + "own-teamstore-bench-" + UUID().uuidString
try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
let sqlite = try SQLiteTeamStore(path: folder + "/server.sqlite")
let bare = try DatabaseQueue(path: folder + "/floor.sqlite")
try bare.writeWithoutTransaction { db in
    try db.execute(sql: "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL")
    try db.execute(sql: "CREATE TABLE lines (seq INTEGER PRIMARY KEY, line TEXT NOT NULL)")
}
try await measure(
    "SQLite",
    store: sqlite,
    floorPush: { round in
        try await milliseconds {
            try await bare.write { db in
                let insert = try db.cachedStatement(sql: "INSERT INTO lines (seq, line) VALUES (?, ?)")
                for (offset, line) in lines.enumerated() {
                    try insert.execute(arguments: [round * batch + offset + 1, line])
                }
            }
        }
    },
    floorPull: {
        try await milliseconds {
            let count = try await sqlite.lastSeq(team: "payments")
            try await bare.read { db in
                // The same number of rows as the pull, read from the bare table (repeated as needed).
                var read: Int64 = 0
                while read < count {
                    let rows = try Row.fetchCursor(db, sql: "SELECT seq, line FROM lines")
                    while let row = try rows.next(), read < count {
                        _ = row[1] as String
                        read += 1
                    }
                }
            }
        }
    }
)
try? FileManager.default.removeItem(atPath: folder)

// PostgreSQL: a schema of its own; the floor is a bare table written with one UNNEST insert.
var configuration = try PostgresTeamStore.Configuration(url: url)
configuration.schema = "own_bench_" + String(UInt32.random(in: 0...UInt32.max), radix: 36)
let schema = configuration.schema!
var floorConfiguration = PostgresClient.Configuration(
    host: configuration.host,
    port: configuration.port,
    username: configuration.user,
    password: configuration.password,
    database: configuration.database,
    tls: .disable
)
floorConfiguration.options.additionalStartupParameters = [("search_path", schema)]
let floor = PostgresClient(configuration: floorConfiguration)
try await PostgresTeamStore.withStore(configuration) { store in
    try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { await floor.run() }
        try await floor.query("CREATE TABLE lines (seq bigint PRIMARY KEY, line text NOT NULL)")
        try await measure(
            "PostgreSQL",
            store: store,
            floorPush: { round in
                let seqs = lines.indices.map { Int64(round * batch + $0 + 1) }
                return try await milliseconds {
                    try await floor.withTransaction(logger: Logger(label: "bench")) { connection in
                        _ = try await connection.query(
                            "INSERT INTO lines SELECT * FROM unnest(\(seqs)::int8[], \(lines)::text[])",
                            logger: Logger(label: "bench")
                        )
                    }
                }
            },
            floorPull: {
                let count = Int(try await store.lastSeq(team: "payments"))
                return try await milliseconds { try await readLines(floor, count: count) }
            }
        )
        try await floor.query(PostgresQuery(unsafeSQL: "DROP SCHEMA \(schema) CASCADE"))
        group.cancelAll()
    }
}
