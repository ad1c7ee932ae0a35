import Foundation
import OwnCore
import Testing

/// The real `own-server` on loopback: bad input is refused with a one-line JSON error and writes
/// nothing; SIGTERM lets a request in flight finish, and what it acknowledged is stored.
@Suite("The team server's binary: bad input and SIGTERM", .serialized)
struct ServerOperationsTests {
    /// A request through curl; the body and the HTTP status. `data` is sent as the body when given
    /// (`@file` reads a file).
    static func curl(
        _ server: LiveServer,
        _ path: String,
        token: String,
        method: String = "GET",
        data: String? = nil
    ) -> (body: String, status: Int) {
        var arguments = ["-s", "-w", "\n%{http_code}", "-X", method, "-H", "Authorization: Bearer " + token]
        if let data { arguments += ["-H", "Content-Type: application/x-ndjson", "--data-binary", data] }
        let run = OwnBinary().run(arguments + [server.url + path], executable: "/usr/bin/curl")
        var lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let status = Int(lines.popLast() ?? "") ?? 0
        return (lines.joined(separator: "\n"), status)
    }

    static func token(_ file: String) throws -> String {
        try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A refusal: a 4xx whose body is one line of JSON with an `error` that says something.
    static func expectRefusal(_ answer: (body: String, status: Int), _ status: Int, _ what: String) {
        #expect(answer.status == status, "\(what): \(answer.status) \(answer.body)")
        #expect(!answer.body.contains("\n"), "\(what): one line")
        let error = (try? JSONParser.parse(answer.body))?.objectValue?["error"]?.stringValue
        #expect(error?.isEmpty == false, "\(what): \(answer.body)")
    }

    @Test func aPortInUseIsOneLineThatSaysSoAndNoStoreIsCreated() throws {
        let busy = try LoopbackListener()
        let own = OwnBinary()
        let store = own.folder + "/server.sqlite"
        let run = own("serve", "--db", store, "--port", String(busy.port))
        #expect(run.code == 2)
        #expect(
            run.stderr == "own: cannot listen on 127.0.0.1:\(busy.port): the port is in use; stop what listens "
                + "there, or pass another --port (0 picks a free one)\n",
            "\(run.stderr)"
        )
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    /// A host that is not known, or not this machine's, is one line too, port 0 (a free one) included:
    /// it was NIO's raw error, after a new store was written.
    @Test func aHostItCannotListenOnIsOneLineAndNoStoreIsCreated() throws {
        let own = OwnBinary()
        let store = own.folder + "/server.sqlite"
        let unknown = own("serve", "--db", store, "--host", "0.0.0.0.0", "--port", "0")
        #expect(unknown.code == 2)
        #expect(unknown.stderr.hasPrefix("own: cannot listen on 0.0.0.0.0:0: no such host ("), "\(unknown.stderr)")
        #expect(unknown.stderr.hasSuffix("give --host an address of this machine (default 127.0.0.1)\n"))
        // TEST-NET-1 (RFC 5737): no machine's own address.
        let foreign = own("serve", "--db", store, "--host", "192.0.2.1", "--port", "0")
        #expect(foreign.code == 2)
        #expect(
            foreign.stderr == "own: cannot listen on 192.0.2.1:0: this machine has no such address; give --host one "
                + "of its own (default 127.0.0.1)\n",
            "\(foreign.stderr)"
        )
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    /// A folder given as the store is said to be one (exit 2), not "cannot open" (exit 3).
    @Test func aFolderAsTheStoreIsRefusedAsOne() {
        let own = OwnBinary()
        for arguments in [["server", "team", "add", "x"], ["server", "team", "list"]] {
            let run = own.run(arguments + ["--db", own.folder], stdin: nil, environment: [:])
            #expect(run.code == 2, "\(arguments): \(run.stderr)")
            #expect(
                run.stderr == "own: --db \(own.folder) is a folder: the server store is a file; name the file in it\n"
            )
        }
    }

    /// A token revoked twice: the second time says it was revoked already, and when.
    @Test func revokingATokenAgainSaysItWasRevokedAlready() throws {
        let own = OwnBinary()
        let store = own.folder + "/server.sqlite"
        own.succeeds("server", "team", "add", "payments", "--db", store)
        let added = own(
            "server",
            "token",
            "add",
            "--team",
            "payments",
            "--person",
            "ana",
            "--role",
            "member",
            "--db",
            store
        )
        let id = try #require(added.stdout.split(separator: " ").dropFirst().first.map { String($0.dropLast()) })
        #expect(own("server", "token", "revoke", id, "--db", store).stdout == "revoked \(id) (ana in payments)\n")
        let again = own("server", "token", "revoke", id, "--db", store)
        #expect(again.code == 0)
        #expect(again.stdout.hasPrefix("\(id) (ana in payments) was revoked already, 20"), "\(again.stdout)")
    }

    @Test func aPublicURLIsAnHTTPURLWithAHost() throws {
        let own = OwnBinary()
        let store = own.folder + "/server.sqlite"
        let tiny = own("serve", "--db", store, "--port", "0", "--max-body-bytes", "0")
        #expect(tiny.code != 0)
        #expect(tiny.stderr.contains("--max-body-bytes must be at least 1024"), "\(tiny.stderr)")
        for bad in [
            "own.example.com", "ftp://own.example.com", "https://", "https://own.example.com/?team=a",
            "https://own.example.com:99999",
        ] {
            let run = own("serve", "--db", store, "--port", "0", "--public-url", bad)
            #expect(run.code != 0, "\(bad)")
            #expect(run.stderr.contains("--public-url must be an http:// or https:// URL with a host"), "\(run.stderr)")
        }
        // The clock it would start at (OWN_NOW), when it is no instant.
        let clock = own("serve", "--db", store, "--port", "0", environment: ["OWN_NOW": "next tuesday"])
        #expect(clock.code == 2)
        #expect(clock.stderr.hasPrefix("own: the environment's OWN_NOW \"next tuesday\" is not"), "\(clock.stderr)")
        // Or an instant outside the years a ledger keeps: the server would date its own events by it.
        let year = own("serve", "--db", store, "--port", "0", environment: ["OWN_NOW": "0226-11-27T16:00:00Z"])
        #expect(year.code == 2)
        #expect(year.stderr.contains("outside the years a ledger keeps, 1970 to 3999"), "\(year.stderr)")
        #expect(!FileManager.default.fileExists(atPath: store))
    }

    @Test func badInputIsRefusedWithOneLineOfJSONAndNothingIsWritten() throws {
        let server = try LiveServer(arguments: ["--max-body-bytes", "4096"])
        let token = try Self.token(server.tokenFile(person: "ana", role: "member"))

        // A bad `at` on every read route.
        for path in [
            "/api/v1/loops", "/api/v1/loops/pay-b1", "/api/v1/doctor", "/api/v1/reports/standup",
            "/api/v1/reports/weekly", "/api/v1/reports/brag?since=2026-11-01", "/api/v1/loops/pay-b1/notice",
        ] {
            let answer = Self.curl(server, path + (path.contains("?") ? "&" : "?") + "at=monday", token: token)
            Self.expectRefusal(answer, 400, path)
            #expect(answer.body.contains("ISO-8601"), "\(path): \(answer.body)")
        }
        Self.expectRefusal(Self.curl(server, "/api/v1/reports/brag", token: token), 400, "brag without since")
        Self.expectRefusal(
            Self.curl(server, "/api/v1/reports/weekly?since=2026-11-30&until=2026-11-01", token: token),
            400,
            "weekly backwards"
        )

        // Bodies a push refuses.
        let good = #"{"id":"e1","loop":"pay-b1","at":"2026-11-23T09:00:00Z","by":"ana","type":"created","title":"A"}"#
        let bodies: [(String, String)] = [
            ("malformed", good + "\n{\"id\":"),
            (
                "unknown type",
                good + "\n" + #"{"id":"e2","loop":"pay-b1","at":"2026-11-23T09:00:00Z","by":"ana","type":"teleported"}"#
            ),
            ("no events", "\n\n"),
        ]
        for (what, body) in bodies {
            let file = server.admin.file(what.replacingOccurrences(of: " ", with: "-") + ".jsonl", body)
            Self.expectRefusal(
                Self.curl(server, "/api/v1/events", token: token, method: "POST", data: "@" + file),
                400,
                what
            )
        }
        let invalid = server.admin.folder + "/invalid.jsonl"
        var bytes = Data(good.utf8)
        bytes.replaceSubrange(bytes.count - 3..<bytes.count - 2, with: [0xC3, 0x28])
        #expect(FileManager.default.createFile(atPath: invalid, contents: bytes))
        let notUTF8 = Self.curl(server, "/api/v1/events", token: token, method: "POST", data: "@" + invalid)
        Self.expectRefusal(notUTF8, 400, "invalid UTF-8")
        #expect(notUTF8.body.contains("UTF-8"))
        let big = server.admin.file("big.jsonl", String(repeating: good + "\n", count: 100))
        let oversized = Self.curl(server, "/api/v1/events", token: token, method: "POST", data: "@" + big)
        Self.expectRefusal(oversized, 413, "oversized")
        #expect(oversized.body.contains("smaller batches"))

        // Nothing was written.
        let pulled = Self.curl(server, "/api/v1/events?after=0", token: token)
        #expect(pulled.status == 200)
        #expect(pulled.body.isEmpty, "\(pulled.body)")
        #expect(server.stop() == 0)
    }

    @Test func sigtermLetsAPushInFlightFinishAndKeepsWhatItAcknowledged() throws {
        let server = try LiveServer()
        let tokenFile = server.tokenFile(person: "ana", role: "member")
        let token = try Self.token(tokenFile)
        // Given a push of 400 events of which the server has the head and half the body: it came
        // behind a GET on the same connection, in the same write, so once the GET is answered the
        // server has read the push's head too,
        let lines: [String] = (0..<400).map { (index: Int) -> String in
            let fields: EventFields =
                index % 4 == 0 ? ["title": .string("Loop \(index / 4)")] : ["note": .string("step \(index)")]
            return Event(
                id: "slow-\(index)",
                loop: "drain-\(index / 4)",
                at: Date(timeIntervalSince1970: 1_795_000_000 + Double(index)),
                by: "ana",
                type: index % 4 == 0 ? .created : .noted,
                fields: fields
            ).jsonLine
        }
        let body = lines.joined(separator: "\n") + "\n"
        let half = body.index(body.startIndex, offsetBy: body.count / 2)
        let connection = try LoopbackConnection(port: server.port)
        try connection.send(
            "GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + "POST /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer \(token)\r\n"
                + "Content-Type: application/x-ndjson\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body[..<half]
        )
        let health = connection.read(until: #"{"status":"ok"}"#)
        #expect(health.hasPrefix("HTTP/1.1 200"), "\(health)")

        // when SIGTERM arrives while it is in flight,
        #expect(server.process.isRunning)
        kill(server.process.processIdentifier, SIGTERM)

        // then the rest of the push is read and answered, the server exits cleanly once it is,
        try connection.send(String(body[half...]))
        let answer = connection.read()
        #expect(answer.hasPrefix("HTTP/1.1 200"), "\(answer)")
        let json = answer.components(separatedBy: "\r\n\r\n").last ?? ""
        let added = (try? JSONParser.parse(json))?.objectValue?["added"]
        #expect(added == .number(400), "\(answer)")
        server.process.waitUntilExit()
        #expect(server.process.terminationStatus == 0)
        // Stopping is no failure: nothing in the log says a pass failed.
        let log = try String(contentsOfFile: server.errors, encoding: .utf8)
        #expect(!log.contains("CancellationError") && !log.contains("failed"), "\(log)")

        // and every event it acknowledged is there when a server starts on the store again.
        let again = try LiveServer(reusing: server)
        let pulled = Self.curl(again, "/api/v1/events?after=0", token: token)
        #expect(pulled.body.split(separator: "\n").count == 400)
        #expect(again.stop() == 0)
    }
}
