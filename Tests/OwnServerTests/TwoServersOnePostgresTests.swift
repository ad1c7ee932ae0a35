import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OwnCore
import Testing

/// Several servers, one PostgreSQL: what lets a team run `own-server` behind a load balancer.
@Suite(
    "Two own-server processes on one PostgreSQL",
    .enabled(if: ServerProcess.postgresURL != nil, "needs OWN_TEST_POSTGRES_URL (source .ci/postgres.sh)")
)
struct TwoServersOnePostgresTests {
    @Test func pushesThroughBothAtOnceAreStoredOnceWithGapFreeSeq() async throws {
        let base = try #require(ServerProcess.postgresURL)
        let database = "own_e2e_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        try ServerProcess.psql("CREATE DATABASE \(database)")
        let databaseURL = base[..<(base.lastIndex(of: "/") ?? base.endIndex)] + "/" + database
        defer { try? ServerProcess.psql("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }

        // Administration acts on the database directly, with the same --database-url.
        let added = try ServerProcess.run(["team", "add", "payments", "--database-url", databaseURL]
        )
        #expect(added.status == 0)
        let token = try ServerProcess.run([
            "token", "add", "--team", "payments", "--person", "ana", "--role", "member", "--database-url",
            databaseURL,
        ]
        )
        #expect(token.status == 0)
        let secret = try #require(token.stdout.split(separator: "\n").last.map(String.init))
        #expect(secret.hasPrefix("own_"))

        // Both start at once: both migrate the new database without tripping on each other.
        let one = try ServerProcess.serve(["--database-url", databaseURL])
        let two = try ServerProcess.serve(["--database-url", databaseURL])
        defer {
            for process in [one.process, two.process] where process.isRunning { process.terminate() }
        }
        let headers: HTTPFields = [.authorization: "Bearer " + secret]

        // 2 servers × 4 clients × 10 pushes × 25 events, each push with a note on one shared loop.
        let clients = 4
        let pushes = 10
        let size = 25
        _ = try await TestClient.withServer(port: one.port) { client in
            let created = line(.created, id: "shared", loop: "pay-shared", ["title": "Shared"])
            let response = try await client.post("/api/v1/events", headers: headers, body: ByteBuffer(string: created))
            #expect(response.status == .ok)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (server, port) in [one.port, two.port].enumerated() {
                for client in 0..<clients {
                    group.addTask {
                        try await TestClient.withServer(port: port) { http in
                            for push in 0..<pushes {
                                let prefix = "s\(server)c\(client)p\(push)"
                                let body = (0..<size).map { index in
                                    line(
                                        index == 1 ? .created : .noted,
                                        id: "\(prefix)-\(index)",
                                        loop: index == 0 ? "pay-shared" : "pay-\(prefix)",
                                        // Its created first in time, so no note is dated before it.
                                        at: "2026-11-23T10:00:0\(index == 1 ? 0 : index % 10)Z",
                                        index == 1 ? ["title": .string(prefix)] : ["note": .string("n\(index)")]
                                    )
                                }
                                .joined(separator: "\n")
                                let response = try await http.post(
                                    "/api/v1/events",
                                    headers: headers,
                                    body: ByteBuffer(string: body + "\n")
                                )
                                #expect(response.status == .ok)
                            }
                        }
                    }
                }
            }
            try await group.waitForAll()
        }

        // Pulled through either server, in pages: every event once, numbered 1…N with no gaps.
        let total = 1 + 2 * clients * pushes * size
        let (ids, cursor) = try await TestClient.withServer(port: two.port) { client in
            var ids: [String] = []
            var cursor = 0
            while true {
                let response = try await client.get("/api/v1/events?after=\(cursor)&limit=700", headers: headers)
                #expect(response.status == .ok)
                let text = response.body.map { String(buffer: $0) } ?? ""
                let page = text.split(separator: "\n").map { try? Event(jsonLine: String($0), makeID: { "" }) }
                ids += page.compactMap { $0?.id }
                let last = Int(response.headers[HTTPField.Name("Own-Last-Seq")!] ?? "") ?? -1
                #expect(last == cursor + page.count, "a page after \(cursor) of \(page.count) events ends at \(last)")
                cursor = last
                if response.headers[HTTPField.Name("Own-More")!] != "true" || page.isEmpty { break }
            }
            return (ids, cursor)
        }
        #expect(ids.count == total)
        #expect(Set(ids).count == total)
        #expect(cursor == total)

        // SIGTERM: each server finishes and leaves cleanly.
        for process in [one.process, two.process] {
            process.terminate()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
        }
    }
}
