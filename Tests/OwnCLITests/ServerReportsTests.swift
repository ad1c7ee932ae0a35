import Foundation
import OwnCore
import Testing

/// The server's report drafts are the CLI's: the same builders over the same events give the same
/// JSON, whether from `own standup --json` or `GET /api/v1/reports/standup`.
@Suite("The server's reports are the CLI's", .serialized)
struct ServerReportsTests {
    /// A GET to the live server with a token, through curl; the body and the HTTP status.
    static func get(_ server: LiveServer, _ path: String, tokenFile: String) throws -> (body: String, status: Int) {
        let token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(
            in: .whitespacesAndNewlines
        )
        let run = OwnBinary().run(
            ["-s", "-w", "\n%{http_code}", "-H", "Authorization: Bearer " + token, server.url + path],
            executable: "/usr/bin/curl"
        )
        var lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let status = Int(lines.popLast() ?? "") ?? 0
        return (lines.joined(separator: "\n"), status)
    }

    @Test func standupWeeklyBragAndNoticeAnswerTheSameJSONAsTheCLI() throws {
        let server = try LiveServer()
        let ana = OwnBinary(user: "ana")
        let token = server.tokenFile(person: "ana", role: "member")
        #expect(ana("remote", server.url, "--token-file", token).code == 0)

        // Given a week of ana's work: one loop done, one active with a moved due date, one blocked,
        for step in [
            ["add", "Charge in euros", "--key", "pay-euro", "--due", "2026-11-27", "--now", "2026-11-23T09:00:00Z"],
            ["start", "pay-euro", "--now", "2026-11-23T09:30:00Z"],
            [
                "due", "pay-euro", "2026-12-04", "--reason", "the bank changed its format", "--now",
                "2026-11-24T10:00:00Z",
            ],
            ["note", "pay-euro", "CSV writer done", "--now", "2026-11-26T15:00:00Z"],
            ["add", "Fix the login timeout", "--key", "login-fix", "--now", "2026-11-23T11:00:00Z"],
            ["start", "login-fix", "--now", "2026-11-23T11:00:00Z"],
            ["done", "login-fix", "--outcome", "p95 under 200 ms", "--verified", "--now", "2026-11-25T16:00:00Z"],
            ["add", "Upgrade Postgres", "--key", "pg-upgrade", "--now", "2026-11-24T09:00:00Z"],
            ["start", "pg-upgrade", "--now", "2026-11-24T09:10:00Z"],
            ["block", "pg-upgrade", "waiting for a maintenance window", "--now", "2026-11-25T09:00:00Z"],
            ["risk", "pg-upgrade", "the window may slip to January", "--now", "2026-11-26T09:00:00Z"],
            // and the loop done on Wednesday reopened on Thursday,
            ["reopen", "login-fix", "the timeout is back", "--now", "2026-11-26T12:00:00Z"],
            // and what she declined and her time off next week, facts about her that the drafts carry,
            [
                "decline", "rewrite the billing cron", "--reason", "no capacity", "--told", "lee", "--now",
                "2026-11-25T10:00:00Z",
            ],
            ["away", "2026-11-30..2026-12-01", "--backup", "lee", "--now", "2026-11-25T10:05:00Z"],
        ] {
            let run = ana.run(step)
            #expect(run.code == 0, "\(step): \(run.stderr)")
        }
        // when the events reach the server,
        let sync = ana("sync")
        #expect(sync.code == 0, "\(sync.stderr)")

        // then each draft, as of one instant, is the CLI's, byte for byte.
        let at = "2026-11-27T16:00:00Z"
        let pairs: [(cli: [String], path: String)] = [
            (["standup", "--json"], "/api/v1/reports/standup?person=ana&at=\(at)"),
            (["weekly", "--json"], "/api/v1/reports/weekly?at=\(at)"),
            (["weekly", "--json", "--since", "2026-11-24"], "/api/v1/reports/weekly?at=\(at)&since=2026-11-24"),
            (["brag", "--json", "--since", "2026-11-01"], "/api/v1/reports/brag?person=ana&at=\(at)&since=2026-11-01"),
            (
                ["brag", "--json", "--since", "2026-11-01", "--until", "2026-11-25"],
                "/api/v1/reports/brag?person=ana&at=\(at)&since=2026-11-01&until=2026-11-25"
            ),
            (["notice", "pay-euro", "--json"], "/api/v1/loops/pay-euro/notice?at=\(at)"),
            (["notice", "pg-upgrade", "--json"], "/api/v1/loops/pg-u/notice?at=\(at)"),
        ]
        for pair in pairs {
            let cli = ana.run(pair.cli + ["--now", at])
            #expect(cli.code == 0, "\(pair.cli): \(cli.stderr)")
            let served = try Self.get(server, pair.path, tokenFile: token)
            #expect(served.status == 200, "\(pair.path): \(served.body)")
            #expect(served.body == cli.stdout, "\(pair.path)")
        }
        // The drafts are not empty: the comparison is about something.
        let standup = try JSONParser.parse(try Self.get(server, pairs[0].path, tokenFile: token).body).objectValue
        #expect(standup?["progress"]?.arrayValue?.first?.objectValue?["loop"] == "pay-euro")
        #expect(standup?["blockers"]?.arrayValue?.first?.objectValue?["loop"] == "pg-upgrade")
        #expect(standup?["away"]?.arrayValue?.first?.objectValue?["backup"] == "lee")
        let weekly = try JSONParser.parse(try Self.get(server, pairs[1].path, tokenFile: token).body).objectValue
        #expect(weekly?["notTakingOn"]?.arrayValue?.first?.objectValue?["title"] == "rewrite the billing cron")
        #expect(weekly?["away"]?.arrayValue?.count == 1)
        // Reopened since: not delivered up to now, delivered in a window that ended before.
        let brag = try JSONParser.parse(try Self.get(server, pairs[3].path, tokenFile: token).body)
        #expect(brag.objectValue?["groups"]?.arrayValue?.isEmpty == true)
        let before = try JSONParser.parse(try Self.get(server, pairs[4].path, tokenFile: token).body)
        #expect(before.objectValue?["groups"]?.arrayValue?.first?.objectValue?["items"]?.arrayValue?.count == 1)
        #expect(server.stop() == 0)
    }
}
