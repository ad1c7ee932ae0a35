import Foundation
import OwnCore
import Testing

/// What people already run against healthchecks, pointed at a real `own-server`: the PyPI client
/// `healthchecks-io`, and `curl` lines as crontabs hold them. Only the base URL changes.
@Suite("healthchecks clients work against own-server", .serialized)
struct HealthchecksCompatibilityTests {
    /// True when `python3` (the venv's, first on PATH under scripts/test) can import the client.
    static let clientAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import healthchecks_io"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    static let curlAvailable = FileManager.default.isExecutableFile(atPath: "/usr/bin/curl")

    /// Runs a program; its exit status and standard output and error.
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// The client creates, lists, pings (by uuid and by slug), pauses, reads pings and flips, and
    /// deletes, with an X-Api-Key that is a team token and a ping key that is another.
    static let script = #"""
        import sys
        from healthchecks_io import Client, CheckCreate, CheckNotFoundError

        url, api_key, ping_key = sys.argv[1:4]
        client = Client(api_key=api_key, ping_key=ping_key, api_url=url + "/api/", ping_url=url + "/ping/", api_version=3)

        check = client.create_check(CheckCreate(name="Nightly backup", tags="prod backup", timeout=3600, grace=600))
        assert check.status == "new", check
        assert check.slug == "nightly-backup", check
        assert check.uuid and check.ping_url.endswith("/ping/" + check.uuid), check
        cron = client.create_check(CheckCreate(name="Export", schedule="0 2 * * *", tz="Europe/Berlin", grace=1800))
        assert client.get_check(cron.uuid).status == "new"

        assert [c.name for c in client.get_checks(tags=["prod"])] == ["Nightly backup"]
        assert sorted(c.name for c in client.get_checks()) == ["Export", "Nightly backup"]

        assert client.success_ping(uuid=check.uuid) == (True, "OK")
        assert client.get_check(check.uuid).status == "up"
        assert client.start_ping(slug="nightly-backup") == (True, "OK")
        assert client.get_check(check.uuid).status == "started"
        assert client.exit_code_ping(0, uuid=check.uuid, data="all good") == (True, "OK")
        assert client.fail_ping(slug="nightly-backup", data="disk full") == (True, "OK")
        down = client.get_check(check.uuid)
        assert down.status == "down", down
        assert down.n_pings == 4, down

        pings = client.get_check_pings(check.uuid)
        assert [p.type for p in pings] == ["fail", "success", "start", "success"], pings
        assert pings[1].duration is not None
        flips = client.get_check_flips(check.uuid)
        assert [f.up for f in flips] == [0, 1], flips

        assert client.pause_check(check.uuid).status == "paused"
        assert [c.status for c in client.get_checks(tags=["backup"])] == ["paused"]
        client.delete_check(check.uuid)
        try:
            client.get_check(check.uuid)
            raise SystemExit("a deleted check was still there")
        except CheckNotFoundError:
            pass
        print("ok")
        """#

    @Test(.enabled(if: clientAvailable, "needs python3 with healthchecks-io (scripts/venv installs it)"))
    func thePythonClientManagesAndPingsChecks() throws {
        let server = try LiveServer()
        let key = try String(contentsOfFile: server.tokenFile(person: "lee", role: "lead"), encoding: .utf8)
        let pingKey = try String(contentsOfFile: server.tokenFile(person: "pings", role: "reader"), encoding: .utf8)
        let result = try Self.run([
            "python3", "-c", Self.script, server.url, key.trimmingCharacters(in: .whitespacesAndNewlines),
            pingKey.trimmingCharacters(in: .whitespacesAndNewlines),
        ])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output == "ok\n")
        #expect(server.stop() == 0)
    }

    @Test(.enabled(if: curlAvailable, "needs curl"))
    func crontabCurlLinesWorkWithANewBaseURL() throws {
        let server = try LiveServer()
        let lee = OwnBinary(user: "lee", now: nil)
        #expect(lee("remote", server.url, "--token-file", server.tokenFile(person: "lee", role: "lead")).code == 0)
        #expect(lee("monitor", "add", "backup", "--every", "1d").code == 0)
        let check = try JSONParser.parse(lee("monitor", "show", "backup", "--json").stdout).objectValue?["check"]
        let ping = try #require(check?.objectValue?["ping_url"]?.stringValue)

        // 0 2 * * * /backup.sh && curl -fsS -m 10 --retry 5 -o /dev/null https://hc-ping.com/<uuid>
        let plain = try Self.run(["sh", "-c", "true && curl -fsS -m 10 --retry 5 -o /dev/null \(ping)"])
        #expect(plain.status == 0, "\(plain.output)")
        // m=$(/backup.sh 2>&1); curl -fsS -m 10 --retry 5 --data-raw "$m" https://hc-ping.com/<uuid>/$?
        let status = try Self.run([
            "sh", "-c", "m=$(echo 'no space left'; exit 4); curl -fsS -m 10 --retry 5 --data-raw \"$m\" \(ping)/$?",
        ])
        #expect(status.status == 0, "\(status.output)")
        #expect(status.output == "OK")
        // curl -fsS -m 10 --retry 5 -o /dev/null https://hc-ping.com/<uuid>/start, HEAD too.
        #expect(
            try Self.run(["curl", "-fsS", "-m", "10", "--retry", "5", "-o", "/dev/null", ping + "/start"]).status == 0
        )
        #expect(try Self.run(["curl", "-fsS", "-I", "-m", "10", ping]).output.contains("Ping-Body-Limit: 10000"))
        // An unknown uuid fails the line, as it does on healthchecks (-f: exit 22 on a 404).
        let unknown = String(ping.dropLast(36)) + "00000000-0000-4000-8000-000000000000"
        #expect(try Self.run(["curl", "-fsS", "-m", "10", "-o", "/dev/null", unknown]).status == 22)

        let shown = try JSONParser.parse(lee("monitor", "show", "backup", "--json").stdout).objectValue
        let types = (shown?["pings"]?.arrayValue ?? []).compactMap { $0.objectValue?["type"]?.stringValue }
        #expect(types == ["success", "start", "fail", "success"])
        let fail = shown?["pings"]?.arrayValue?[2].objectValue
        #expect(fail?["exitstatus"] == 4)
        #expect(fail?["body_size"]?.numberValue == Double("no space left".utf8.count))
        #expect(server.stop() == 0)
    }
}
