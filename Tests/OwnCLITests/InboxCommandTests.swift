import Foundation
import OwnCore
import Testing

/// `own inbox` against a real `own-server` on loopback, whose notifier fills inboxes as events arrive.
@Suite("The inbox on the team server", .serialized)
struct InboxCommandTests {
    @Test func aRiskOnALoopThatAffectsMeAndALoopAskingMyApprovalReachMyInbox() throws {
        let server = try LiveServer()
        let ana = OwnBinary(user: "ana", now: nil)
        let lee = OwnBinary(user: "lee", now: nil)
        #expect(ana("remote", server.url, "--token-file", server.tokenFile(person: "ana", role: "member")).code == 0)
        #expect(lee("remote", server.url, "--token-file", server.tokenFile(person: "lee", role: "lead")).code == 0)
        #expect(lee("inbox").stdout == "nothing unread\n")

        #expect(ana("add", "Charge in euros", "--stakes", "high", "--affects", "lee").code == 0)
        #expect(ana("risk", "1", "the bank's sandbox is down").code == 0)
        #expect(ana("sync").code == 0)

        // The notifier's pass begun after the push has filled lee's inbox.
        try server.waitForPasses("notifier")
        let run = lee("inbox")
        #expect(run.code == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 2, "\(run.stdout)")
        #expect(run.stdout.contains("approval-request") && run.stdout.contains("asks for your approval"))
        #expect(run.stdout.contains("notice") && run.stdout.contains("the bank's sandbox is down"))
        #expect(!run.stdout.contains("own_"), "no token is shown")
        let md = lee("inbox", "--format", "md").stdout
        #expect(md.hasPrefix("## Unread\n\n- "), "\(md)")
        #expect(md.split(separator: "\n").filter { $0.hasPrefix("- ") }.count == 2, "\(md)")
        let json = lee("inbox", "--format", "json").stdout
        #expect(lee("inbox", "--json").stdout == json, "--json is --format json")
        #expect(try JSONParser.parse(json).objectValue?["items"]?.arrayValue?.count == 2)
        #expect(lee("inbox", "--read-all", "--json").code == 2, "--json goes with reading the inbox")

        // The server marked the loop reported: the change was told, and lee's pull shows it.
        #expect(lee("sync").code == 0)
        #expect(lee("show", "1").stdout.contains("notice"))

        let id = try #require(lines.first?.split(separator: " ").first.map(String.init))
        #expect(lee("inbox", "--read", id).stdout == "marked 1 item read\n")
        // An id that names no unread item (read now, or none such) is said, not passed over.
        let again = lee("inbox", "--read", id, "99")
        #expect(again.stdout == "marked 0 items read\n")
        #expect(again.stderr.contains("2 ids named no unread item your inbox shows"), "\(again.stderr)")
        #expect(lee("inbox").stdout.split(separator: "\n").count == 1)
        #expect(lee("inbox", "--all").stdout.contains("[read]"))
        #expect(lee("inbox", "--read-all").stdout == "marked 1 item read\n")
        #expect(lee("inbox").stdout == "nothing unread\n")
        #expect(server.stop() == 0)
    }

    /// More than a hundred unread items are all listed: the command took the server's first page
    /// (100), and the oldest (approvals waiting for lee) were left out without a word.
    @Test func everyUnreadItemIsListed() throws {
        let server = try LiveServer()
        let ana = OwnBinary(user: "ana", now: nil)
        let lee = OwnBinary(user: "lee", now: nil)
        #expect(ana("remote", server.url, "--token-file", server.tokenFile(person: "ana", role: "member")).code == 0)
        #expect(lee("remote", server.url, "--token-file", server.tokenFile(person: "lee", role: "lead")).code == 0)
        let lines = (1...101).map { index in
            #"{"id":"big-\#(index)","loop":"big-\#(index)","at":"2026-12-01T09:00:00Z","by":"ana","type":"created","#
                + #""title":"Big \#(index)","stakes":"high"}"#
        }
        ana.succeeds("import", ana.file("big.jsonl", lines.joined(separator: "\n") + "\n"))
        ana.succeeds("sync")
        try server.waitForPasses("notifier")
        let inbox = lee("inbox")
        #expect(inbox.code == 0, "\(inbox.stderr)")
        #expect(inbox.stdout.split(separator: "\n").count == 101, "\(inbox.stdout.suffix(300))")
        #expect(server.stop() == 0)
    }

    @Test func withoutARemoteItSaysHowToSetOne() {
        let own = OwnBinary()
        let run = own("inbox")
        #expect(run.code == 2)
        #expect(
            run.stderr
                == "own: no remote for this ledger; set one with `own remote URL --token-file FILE` (or [remote] in the configuration)\n"
        )
    }

    /// The commands that ask the team server act for the person of the token, by the server's clock:
    /// `--as`, `--now` and `--policy` are refused with that reason (`own inbox --as bob` showed the
    /// token's person's inbox, not bob's), and their help does not offer them.
    @Test(arguments: [["inbox"], ["remote"], ["monitor", "list"], ["monitor", "add", "nightly", "--every", "1d"]])
    func theServersCommandsRefuseActingAsSomeoneElseOrAtAnotherTime(_ command: [String]) {
        let own = OwnBinary()
        for (options, named) in [
            (["--as", "bob"], "--as does"), (["--now", "2026-11-27"], "--now does"),
            (["--policy", "p.toml"], "--policy does"), (["--as", "bob", "--now", "2026-11-27"], "--now and --as do"),
        ] {
            let run = own.run(command + options)
            #expect(run.code == 2, "\(command + options)")
            #expect(
                run.stderr.hasPrefix(
                    "own: \(named) not apply here: the team server acts for the person of your token, by its own clock"
                ),
                "\(run.stderr)"
            )
            #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        }
        let help = own.run(command.prefix(command.first == "monitor" ? 2 : 1) + ["--help"]).stdout
        #expect(help.contains("--db <path>") && help.contains("--config <path>"), "\(help)")
        for hidden in ["--as", "--now", "--policy"] { #expect(!help.contains(hidden), "\(hidden) in \(help)") }
    }
}
