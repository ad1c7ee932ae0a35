import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OwnCore
import TeamStore
import Testing

@testable import OwnServer

/// healthchecks' ping URLs: every form and method, and the code and body each gets.
@Suite("Ping URLs reply as healthchecks does")
struct PingRoutesTests {
    static let uuid = "5b6b1d3e-2f8a-4c1e-9a51-0d8c3e0f7a11"

    /// A URL, a method, and the reply it gets from a server with one monitor, `uuid`.
    struct Case: CustomTestStringConvertible, Sendable {
        let method: HTTPRequest.Method
        let path: String
        let status: HTTPResponse.Status
        let body: String
        /// The kind of ping stored for it; nil when nothing is stored.
        let stored: MonitorPing.Kind?
        var testDescription: String { "\(method) \(path)" }
    }

    static let cases: [Case] = [
        Case(method: .get, path: "/ping/\(uuid)", status: .ok, body: "OK", stored: .success),
        // HEAD: the same answer without its body.
        Case(method: .head, path: "/ping/\(uuid)", status: .ok, body: "", stored: .success),
        Case(method: .post, path: "/ping/\(uuid)", status: .ok, body: "OK", stored: .success),
        Case(method: .get, path: "/ping/\(uuid.uppercased())", status: .ok, body: "OK", stored: .success),
        Case(
            method: .get,
            path: "/ping/\(uuid)/start?rid=0B4B5C39-2C1A-4F4E-9A4C-8E1B2D3F4A5B",
            status: .ok,
            body: "OK",
            stored: .start
        ),
        // A run id that is not a uuid: healthchecks' 400, nothing stored.
        Case(
            method: .get,
            path: "/ping/\(uuid)/start?rid=r1",
            status: .badRequest,
            body: "invalid uuid format",
            stored: nil
        ),
        Case(method: .post, path: "/ping/\(uuid)/fail", status: .ok, body: "OK", stored: .fail),
        Case(method: .get, path: "/ping/\(uuid)/log", status: .ok, body: "OK", stored: .log),
        Case(method: .get, path: "/ping/\(uuid)/0", status: .ok, body: "OK", stored: .exitStatus(0)),
        Case(method: .post, path: "/ping/\(uuid)/255", status: .ok, body: "OK", stored: .exitStatus(255)),
        Case(method: .get, path: "/ping/\(uuid)/256", status: .badRequest, body: "invalid url format", stored: nil),
        // Leading zeros are the same number, as healthchecks reads one.
        Case(method: .get, path: "/ping/\(uuid)/0255", status: .ok, body: "OK", stored: .exitStatus(255)),
        Case(method: .get, path: "/ping/\(uuid)/000", status: .ok, body: "OK", stored: .exitStatus(0)),
        Case(method: .get, path: "/ping/\(uuid)/0256", status: .badRequest, body: "invalid url format", stored: nil),
        Case(method: .get, path: "/ping/\(uuid)/start2", status: .notFound, body: "not found", stored: nil),
        Case(method: .get, path: "/ping/\(uuid)/-1", status: .notFound, body: "not found", stored: nil),
        Case(
            method: .get,
            path: "/ping/00000000-0000-4000-8000-000000000000",
            status: .notFound,
            body: "not found",
            stored: nil
        ),
        Case(method: .get, path: "/ping/not-a-uuid", status: .notFound, body: "not found", stored: nil),
        // One letter past `f`, a hyphen out of place, a digit short: no uuid, so no monitor.
        Case(
            method: .get,
            path: "/ping/5b6b1d3e-2f8a-4c1e-9a51-0d8c3e0f7a1g",
            status: .notFound,
            body: "not found",
            stored: nil
        ),
        Case(
            method: .get,
            path: "/ping/5b6b1d3e2-f8a-4c1e-9a51-0d8c3e0f7a11",
            status: .notFound,
            body: "not found",
            stored: nil
        ),
        Case(
            method: .get,
            path: "/ping/5b6b1d3e-2f8a-4c1e-9a51-0d8c3e0f7a1",
            status: .notFound,
            body: "not found",
            stored: nil
        ),
        Case(
            method: .get,
            path: "/ping/5B6b1D3E-2F8A-4c1e-9A51-0d8c3e0f7A11/fail",
            status: .ok,
            body: "OK",
            stored: .fail
        ),
    ]

    private static func withMonitor(
        maxBodyBytes: Int = 1024 * 1024,
        now: @escaping @Sendable () -> Date = { TestTeam.now },
        _ body: @Sendable (TestTeam, any TestClientProtocol) async throws -> Void
    ) async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.addMonitor(
            MonitorRecord(
                uuid: uuid,
                team: "payments",
                name: "Nightly export",
                slug: "nightly-export",
                owner: "ana",
                stakes: .high,
                timeout: 86_400,
                cron: nil,
                grace: 3600,
                createdAt: TestTeam.now
            )
        )
        try await team.withClient(maxBodyBytes: maxBodyBytes, now: now) { client in try await body(team, client) }
    }

    @Test(arguments: cases)
    func eachFormGetsHealthchecksReply(_ item: Case) async throws {
        try await Self.withMonitor { team, client in
            let reply = try await client.execute(uri: item.path, method: item.method, body: ByteBuffer(string: "hello"))
            #expect(reply.status == item.status)
            #expect(reply.text == item.body)
            #expect(reply.headers[HTTPField.Name("Ping-Body-Limit")!] == "10000")
            #expect(reply.headers[.accessControlAllowOrigin] == "*", "healthchecks lets a web page read the reply")
            let pings = try await team.store.pings(team: "payments", uuid: Self.uuid, limit: 10)
            #expect(pings.map(\.kind) == (item.stored.map { [$0] } ?? []))
            if item.stored != nil {
                #expect(pings.first?.method == item.method.rawValue)
                #expect(pings.first?.body == Data("hello".utf8))
                #expect(pings.first?.at == TestTeam.now)
            }
        }
    }

    @Test func aSuccessMakesTheMonitorUpAndSetsItsNextDeadline() async throws {
        try await Self.withMonitor { team, client in
            _ = try await client.execute(uri: "/ping/\(Self.uuid)", method: .get)
            let monitor = try #require(try await team.store.monitor(uuid: Self.uuid))
            #expect(monitor.state.status == .up)
            #expect(monitor.state.lastPing == TestTeam.now)
            // Every day, an hour's grace: down a day and an hour after the ping, unless another comes.
            #expect(monitor.nextDeadline == TestTeam.now.addingTimeInterval(86_400 + 3600))
            let flips = try await team.store.flips(team: "payments", uuid: Self.uuid, limit: 10)
            #expect(flips == [MonitorFlip(at: TestTeam.now, from: .new, to: .up)])
        }
    }

    /// A ping's body is read when its request declares one, by length or chunked; a request that
    /// declares neither has none (RFC 9112 §6.3), and is not read.
    @Test func aBodyIsReadWhenTheRequestDeclaresOne() async throws {
        func body(_ fields: HTTPFields) async throws -> Data {
            let head = HTTPRequest(
                method: .post,
                scheme: "http",
                authority: "own",
                path: "/ping/x",
                headerFields: fields
            )
            let request = Request(head: head, body: RequestBody(buffer: ByteBuffer(string: "hello")))
            return try await PingRoutes.body(of: request, keeping: 100)
        }
        #expect(try await body([.contentLength: "5"]) == Data("hello".utf8))
        #expect(try await body([.transferEncoding: "chunked"]) == Data("hello".utf8))
        #expect(try await body([:]) == Data())
    }

    /// A path under /ping that no ping URL has is healthchecks' plain 404, with the body limit.
    @Test func anyOtherPingPathIsAPlainNotFound() async throws {
        try await Self.withMonitor { _, client in
            for path in ["/ping/\(Self.uuid)/log/extra", "/ping/key/slug/fail/more/than/that"] {
                let reply = try await client.execute(uri: path, method: .get)
                #expect(reply.status == .notFound, "\(path)")
                #expect(reply.text == "not found", "\(path): \(reply.text)")
                #expect(reply.headers[HTTPField.Name("Ping-Body-Limit")!] == "10000", "\(path)")
            }
            // The URLs that are pings are still pings.
            #expect(try await client.execute(uri: "/ping/\(Self.uuid)/log", method: .get).status == .ok)
        }
    }

    /// Past the first 10,000 bytes a body is let go, whatever its size and the server's
    /// `--max-body-bytes` (here 2,048): the ping counts, as healthchecks takes it.
    @Test func aBodyIsCutToTheLimit() async throws {
        try await Self.withMonitor(maxBodyBytes: 2048) { team, client in
            let body = ByteBuffer(repeating: UInt8(ascii: "x"), count: 25_000)
            let reply = try await client.execute(uri: "/ping/\(Self.uuid)/fail", method: .post, body: body)
            #expect(reply.status == .ok)
            let pings = try await team.store.pings(team: "payments", uuid: Self.uuid, limit: 10)
            #expect(pings.first?.body == Data(repeating: UInt8(ascii: "x"), count: 10_000))
        }
    }

    /// The server's clock stepped back between two pings: the second is dated when the monitor last
    /// saw one, never before it (its events would be dated before the incident they note).
    @Test func aPingAfterTheClockSteppedBackIsDatedAtTheLastOne() async throws {
        let clock = TestClock("2026-11-27T13:00:00Z")
        let now: @Sendable () -> Date = { clock.now }
        try await Self.withMonitor(now: now) { team, client in
            _ = try await client.execute(uri: "/ping/\(Self.uuid)/start", method: .get)
            clock.set("2026-11-27T12:30:00Z")
            let reply = try await client.execute(uri: "/ping/\(Self.uuid)", method: .get)
            #expect(reply.status == .ok)
            let monitor = try #require(try await team.store.monitor(uuid: Self.uuid))
            let started = Timestamp.parse("2026-11-27T13:00:00Z")!
            #expect(monitor.state.lastPing == started, "dated at the start it follows, not half an hour before")
            #expect(monitor.state.status == .up)
            #expect(monitor.nextDeadline == started.addingTimeInterval(86_400 + 3600))
        }
    }
}
