import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OwnCore
import Testing

/// A 200 for a ping means it is committed: `kill -9` the server in the middle of a bounded ping load,
/// start it again on the same store, and every ping that got a 200 is there.
@Suite("Pings survive kill -9")
struct PingsSurviveKillTests {
    @Test func everyPingThatGotA200IsStoredAfterARestart() async throws {
        let folder = NSTemporaryDirectory() + "own-kill-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let store = ["--db", folder + "/server.sqlite"]
        #expect(try ServerProcess.run(["team", "add", "payments"] + store).status == 0)
        let token = try ServerProcess.run(
            ["token", "add", "--team", "payments", "--person", "lee", "--role", "lead"] + store
        )
        let secret = try #require(token.stdout.split(separator: "\n").last.map(String.init))
        let headers: HTTPFields = [HTTPField.Name("X-Api-Key")!: secret]

        let first = try ServerProcess.serve(store)
        defer { if first.process.isRunning { first.process.terminate() } }
        let clients = 8
        let uuids = try await TestClient.withServer(port: first.port) { client in
            var uuids: [String] = []
            for index in 0..<clients {
                let body = ByteBuffer(string: #"{"name": "job \#(index)", "timeout": 3600, "grace": 600}"#)
                let response = try await client.post("/api/v3/checks/", headers: headers, body: body)
                let text = response.body.map { String(buffer: $0) } ?? ""
                uuids.append(try #require(JSONParser.parse(text).objectValue?["uuid"]?.stringValue))
            }
            return uuids
        }

        // Each client pings its own monitor, at most 3,000 times, until the server dies under it.
        let targets = uuids
        let port = first.port
        let answered = Count()
        let load = Task {
            defer { answered.close() }
            return try await withThrowingTaskGroup(of: Int.self) { group in
                for uuid in targets {
                    group.addTask {
                        let ok = Count()
                        do {
                            try await TestClient.withServer(port: port) { client in
                                for _ in 0..<3000 {
                                    let response = try await client.get("/ping/\(uuid)")
                                    if response.status == .ok {
                                        ok.add()
                                        answered.add()
                                    }
                                }
                            }
                        } catch {
                            // The server was killed: this client's count stops here.
                        }
                        return ok.value
                    }
                }
                var counts: [Int] = []
                for try await count in group { counts.append(count) }
                return counts
            }
        }
        // The kill comes once the load is well under way: 400 pings answered, of 24,000.
        await answered.reached(400)
        kill(first.process.processIdentifier, SIGKILL)
        first.process.waitUntilExit()
        #expect(first.process.terminationReason == .uncaughtSignal)
        _ = try await load.value

        // Count per monitor: the 200s each client got, against the pings stored.
        let okTotal = try await load.value.reduce(0, +)
        #expect(okTotal >= 400 && okTotal < clients * 3000, "the kill came mid-load: \(okTotal) pings answered")
        let second = try ServerProcess.serve(store)
        defer { if second.process.isRunning { second.process.terminate() } }
        let stored = try await TestClient.withServer(port: second.port) { client in
            let response = try await client.get("/api/v3/checks/", headers: headers)
            let text = response.body.map { String(buffer: $0) } ?? ""
            let checks = try JSONParser.parse(text).objectValue?["checks"]?.arrayValue ?? []
            return checks.reduce(0) { $0 + Int($1.objectValue?["n_pings"]?.numberValue ?? 0) }
        }
        // Every 200 is stored; a ping committed as the server died may have lost only its reply.
        #expect(stored >= okTotal)
        #expect(stored <= okTotal + clients)
        second.process.terminate()
        second.process.waitUntilExit()
    }
}

/// Pings answered so far, counted by a client's task while the test reads or waits on the count.
private final class Count: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    private var closed = false
    private var waiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []

    /// One more ping answered.
    func add() {
        let ready = lock.withLock {
            count += 1
            let ready = waiters.filter { $0.count <= count }
            waiters.removeAll { $0.count <= count }
            return ready
        }
        for waiter in ready { waiter.continuation.resume() }
    }

    /// The count so far.
    var value: Int { lock.withLock { count } }

    /// The load is over: nobody waits any more.
    func close() {
        let ready = lock.withLock {
            closed = true
            defer { waiters = [] }
            return waiters
        }
        for waiter in ready { waiter.continuation.resume() }
    }

    /// Returns once `target` pings were answered, or the load is over.
    func reached(_ target: Int) async {
        await withCheckedContinuation { continuation in
            let now = lock.withLock {
                if count >= target || closed { return true }
                waiters.append((target, continuation))
                return false
            }
            if now { continuation.resume() }
        }
    }
}
