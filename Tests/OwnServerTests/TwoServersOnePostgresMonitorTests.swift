import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OwnCore
import Testing

/// Two `own-server` processes on one PostgreSQL, each running its deadline scanner every second: a
/// hundred monitors past their deadline at once open exactly one incident loop each.
@Suite(
    "Two own-server scanners on one PostgreSQL",
    .enabled(if: ServerProcess.postgresURL != nil, "needs OWN_TEST_POSTGRES_URL (source .ci/postgres.sh)")
)
struct TwoServersOnePostgresMonitorTests {
    @Test func oneOutageOpensOneIncidentLoopWhicheverServerSeesItFirst() async throws {
        let base = try #require(ServerProcess.postgresURL)
        let database = "own_mon_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        try ServerProcess.psql("CREATE DATABASE \(database)")
        let databaseURL = base[..<(base.lastIndex(of: "/") ?? base.endIndex)] + "/" + database
        defer { try? ServerProcess.psql("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }
        #expect(try ServerProcess.run(["team", "add", "payments", "--database-url", databaseURL]).status == 0)
        let token = try ServerProcess.run([
            "token", "add", "--team", "payments", "--person", "lee", "--role", "lead", "--database-url", databaseURL,
        ]
        )
        let secret = try #require(token.stdout.split(separator: "\n").last.map(String.init))
        // The checks' owner is a person of the team (settings on the server), as a check's owner must be.
        let ana = ["person", "set", "--team", "payments", "ana", "--zone", "UTC", "--database-url", databaseURL]
        #expect(try ServerProcess.run(ana).status == 0)
        // Both servers' clocks start at the same instant (their `OWN_NOW`), which dates the monitors below.
        let clock = try #require(Timestamp.parse("2026-11-27T12:00:00Z"))
        let one = try ServerProcess.serve(["--database-url", databaseURL], clock: clock)
        let two = try ServerProcess.serve(["--database-url", databaseURL], clock: clock)
        defer {
            for process in [one.process, two.process] where process.isRunning { process.terminate() }
        }
        let headers: HTTPFields = [HTTPField.Name("X-Api-Key")!: secret, .contentType: "application/json"]
        let count = 100
        try await TestClient.withServer(port: one.port) { client in
            for index in 0..<count {
                let body = #"{"name": "Job \#(index)", "timeout": 3600, "grace": 600, "owner": "ana", "stakes": "low"}"#
                let response = try await client.post(
                    "/api/v3/checks/",
                    headers: headers,
                    body: ByteBuffer(string: body)
                )
                #expect(response.status == .created)
            }
        }
        // Every monitor pinged two hours ago and due a second ago: both scanners find all of them due.
        let now = clock.timeIntervalSince1970
        try ServerProcess.psql(
            "UPDATE monitors SET status = 'up', last_ping = \(now - 7200), next_deadline = \(now - 1), check_at = \(now - 1), "
                + "version = version + 1",
            database: databaseURL
        )
        // A scanner's pass begun after the update marks every monitor due that the other has not:
        // once each server has made one, all hundred are marked, each by one of them.
        let ports = [one.port, two.port]
        try await ServicePassCounts.wait(for: "deadline_scan", on: ports)
        let first = try await Self.incidentLoops(port: two.port, token: secret)
        #expect(first.count == count)
        // Two more passes of each scanner add nothing.
        try await ServicePassCounts.wait(for: "deadline_scan", on: ports)
        let loops = try await Self.incidentLoops(port: two.port, token: secret)
        #expect(loops.sorted() == first.sorted())
        #expect(loops.count == count)
        #expect(Set(loops).count == count)
        let down = try await TestClient.withServer(port: one.port) { client in
            let response = try await client.get("/api/v3/checks/", headers: headers)
            let text = response.body.map { String(buffer: $0) } ?? ""
            let checks = try JSONParser.parse(text).objectValue?["checks"]?.arrayValue ?? []
            return checks.filter {
                $0.objectValue?["status"]?.stringValue == "down" && $0.objectValue?["loop"] != .null
            }
            .count
        }
        #expect(down == count)
    }

    /// The keys of the team's incident loops, open or not, as the server on `port` reads them.
    static func incidentLoops(port: Int, token: String) async throws -> [String] {
        try await TestClient.withServer(port: port) { client in
            let response = try await client.get(
                "/api/v1/loops?kind=incident&all=true",
                headers: [.authorization: "Bearer " + token]
            )
            #expect(response.status == .ok)
            let text = response.body.map { String(buffer: $0) } ?? ""
            return (try JSONParser.parse(text).arrayValue ?? []).compactMap { $0.objectValue?["key"]?.stringValue }
        }
    }
}
