import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OwnCore
import Testing

/// The built `own-server`, run as an operator would, against the PostgreSQL that `.ci/postgres.sh`
/// starts (`OWN_TEST_POSTGRES_URL`), in a database of its own.
struct ServerBinary {
    static var url: String? {
        guard let url = ProcessInfo.processInfo.environment["OWN_TEST_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }

    /// The executable next to the test bundle (`swift build` puts both in the same products folder).
    static let executable: String = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("own-server").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath + "/.build/debug/own-server"
    }()

    /// Runs a program to its end; its exit status and standard output.
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, stdout: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// `psql` on the test cluster's own database, for what the test sets up around the server.
    static func psql(_ sql: String, database: String? = nil) throws {
        let result = try run("/usr/bin/env", ["psql", "-q", "-v", "ON_ERROR_STOP=1", database ?? url ?? "", "-c", sql])
        guard result.status == 0 else { throw TestFailure("psql failed: \(sql)") }
    }

    /// Starts `own-server serve` on a free loopback port and waits for its first line, which names it.
    static func serve(databaseURL: String) throws -> (process: Process, port: Int) {
        try serve(store: ["--database-url", databaseURL])
    }

    /// Starts `own-server serve` over a store (`--db PATH` or `--database-url URL`) on a free port.
    static func serve(store: [String]) throws -> (process: Process, port: Int) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["serve"] + store + ["--port", "0", "--log-level", "error"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var text = ""
        while !text.contains("\n") {
            let data = output.fileHandleForReading.availableData
            guard !data.isEmpty else { throw TestFailure("own-server stopped before listening: \(text)") }
            text += String(decoding: data, as: UTF8.self)
        }
        guard let colon = text.split(separator: "\n")[0].lastIndex(of: ":"),
            let port = Int(text.split(separator: "\n")[0][text.index(after: colon)...])
        else { throw TestFailure("own-server's first line names no port: \(text)") }
        return (process, port)
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Several servers, one PostgreSQL: what lets a team run `own-server` behind a load balancer.
@Suite(
    "Two own-server processes on one PostgreSQL",
    .enabled(if: ServerBinary.url != nil, "needs OWN_TEST_POSTGRES_URL (source .ci/postgres.sh)")
)
struct TwoServersOnePostgresTests {
    @Test func pushesThroughBothAtOnceAreStoredOnceWithGapFreeSeq() async throws {
        let base = try #require(ServerBinary.url)
        let database = "own_e2e_" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
        try ServerBinary.psql("CREATE DATABASE \(database)")
        let databaseURL = base[..<(base.lastIndex(of: "/") ?? base.endIndex)] + "/" + database
        defer { try? ServerBinary.psql("DROP DATABASE IF EXISTS \(database) WITH (FORCE)") }

        // Administration acts on the database directly, with the same --database-url.
        let added = try ServerBinary.run(
            ServerBinary.executable,
            ["team", "add", "payments", "--database-url", databaseURL]
        )
        #expect(added.status == 0)
        let token = try ServerBinary.run(
            ServerBinary.executable,
            [
                "token", "add", "--team", "payments", "--person", "ana", "--role", "member", "--database-url",
                databaseURL,
            ]
        )
        #expect(token.status == 0)
        let secret = try #require(token.stdout.split(separator: "\n").last.map(String.init))
        #expect(secret.hasPrefix("own_"))

        // Both start at once: both migrate the new database without tripping on each other.
        let one = try ServerBinary.serve(databaseURL: databaseURL)
        let two = try ServerBinary.serve(databaseURL: databaseURL)
        defer {
            for process in [one.process, two.process] where process.isRunning { process.terminate() }
        }
        let headers: HTTPFields = [.authorization: "Bearer " + secret]

        // 2 servers × 4 clients × 10 pushes × 25 events, each push with a note on one shared loop.
        let clients = 4
        let pushes = 10
        let size = 25
        _ = try await TestClient.withClient(host: "127.0.0.1", port: one.port) { client in
            let created = line(.created, id: "shared", loop: "pay-shared", ["title": "Shared"])
            let response = try await client.post("/api/v1/events", headers: headers, body: ByteBuffer(string: created))
            #expect(response.status == .ok)
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (server, port) in [one.port, two.port].enumerated() {
                for client in 0..<clients {
                    group.addTask {
                        try await TestClient.withClient(host: "127.0.0.1", port: port) { http in
                            for push in 0..<pushes {
                                let prefix = "s\(server)c\(client)p\(push)"
                                let body = (0..<size).map { index in
                                    line(
                                        index == 1 ? .created : .noted,
                                        id: "\(prefix)-\(index)",
                                        loop: index == 0 ? "pay-shared" : "pay-\(prefix)",
                                        at: "2026-11-23T10:00:0\(index % 10)Z",
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
        let (ids, cursor) = try await TestClient.withClient(host: "127.0.0.1", port: two.port) { client in
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
