import Foundation
import OwnCore
import TeamStore
import Testing

/// `own server person set --channel` and `own server channel add`, run as an operator would: a
/// person's own channel keeps its kind, and people and the team's channels never share a name.
@Suite("A person's own channel: its kind, and names people and team channels cannot share")
struct PersonChannelCommandTests {
    private static func withStore(_ body: ([String]) throws -> Void) throws {
        let folder = NSTemporaryDirectory() + "own-person-channel-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = ["--db", folder + "/server.sqlite"]
        #expect(try ServerProcess.run(["team", "add", "payments"] + db).status == 0)
        try body(db)
    }

    /// `own serve` says which store it serves, and when it made it: a mistyped --db started an empty
    /// store where every token was refused, and nothing said so (found by an audit).
    @Test func serveSaysWhichStoreItServesAndWhenItMadeIt() throws {
        let folder = NSTemporaryDirectory() + "own-serve-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = folder + "/server.sqlite"
        for said in ["made a new, empty store at \(db): it has no team", "serving the store at \(db)"] {
            let log = folder + "/serve-\(UUID().uuidString).log"
            let (process, _) = try ServerProcess.serve(["--db", db], log: log)
            #expect(ServerProcess.stop(process) == 0)
            let text = try String(contentsOfFile: log, encoding: .utf8)
            #expect(text.contains(said), "\(text)")
            // And, at the signal, that it is stopping (ten silent seconds followed a Ctrl-C).
            #expect(text.contains("stopping: requests in flight and passes under way have 10 s to finish"), "\(text)")
        }
    }

    /// A list of a store that is not there is refused, and makes none (a mistyped --db read as "no
    /// tokens"); so is every command but `team add` and `serve`, which start one (a revoke on a
    /// mistyped --db said "there is no token", made an empty store there, and the token went on
    /// working in the right one: found by an audit). A new store is its owner's only, since it holds
    /// the channels' webhook URLs.
    @Test func commandsRefuseAMissingStoreAndANewStoreIsPrivate() throws {
        try Self.withStore { db in
            let path = db[1]
            let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(String(mode ?? 0, radix: 8))")
            let typo = path + ".typo"
            for list in [
                ["token", "list"], ["team", "list"], ["person", "list", "--team", "payments"],
                ["channel", "list", "--team", "payments"], ["token", "revoke", "tok-1234"],
                ["token", "add", "--team", "payments", "--person", "ana", "--role", "member"],
                ["channel", "add", "--team", "payments", "--webhook", "https://hooks.example.com/x"],
                ["channel", "rm", "--team", "payments", "hook"], ["person", "set", "--team", "payments", "bob"],
                ["person", "remove", "--team", "payments", "bob"],
            ] {
                let run = try ServerProcess.run(list + ["--db", typo])
                #expect(run.status == 2, "\(list)")
                #expect(run.stderr.contains("no server store at \(typo); check --db"), "\(run.stderr)")
                #expect(!FileManager.default.fileExists(atPath: typo), "\(list)")
            }
            // An empty file is no store: listed, it was made one (mode 644) and said to hold nothing.
            FileManager.default.createFile(atPath: typo, contents: nil)
            let empty = try ServerProcess.run(["team", "list", "--db", typo])
            #expect(empty.status == 2 && empty.stderr.contains("no server store at \(typo)"), "\(empty.stderr)")
            #expect(try FileManager.default.attributesOfItem(atPath: typo)[.size] as? Int == 0)
            try FileManager.default.removeItem(atPath: typo)
            // A store in a folder that is not there is a mistyped --db: refused, not started empty.
            let nowhere = path + ".missing/server.sqlite"
            for command in [["serve", "--port", "0"], ["team", "add", "ops"]] {
                let run = try ServerProcess.run(command + ["--db", nowhere])
                #expect(run.status == 2, "\(command): \(run.stderr)")
                #expect(run.stderr.contains("no folder \(path).missing for the server store"), "\(run.stderr)")
                #expect(!FileManager.default.fileExists(atPath: path + ".missing"), "\(command)")
            }
            // A path ending in a slash, which SQLite opens as the file without it, every check missed.
            for command in [["team", "add", "ops"], ["team", "list"]] {
                let run = try ServerProcess.run(command + ["--db", path + ".new/"])
                #expect(
                    run.status == 2 && run.stderr.contains("ends in /: the server store is a file"),
                    "\(run.stderr)"
                )
                #expect(!FileManager.default.fileExists(atPath: path + ".new"), "\(command)")
            }
            // A mistyped team is one line and exit 2, as `person list` has it: not an empty list.
            for list in [["token", "list"], ["channel", "list"], ["person", "list"]] {
                let run = try ServerProcess.run(list + ["--team", "paymnets"] + db)
                #expect(run.status == 2, "\(list)")
                #expect(run.stderr.hasPrefix("own: there is no team \"paymnets\""), "\(list): \(run.stderr)")
                #expect(run.stdout.isEmpty)
            }
        }
    }

    /// The lists take `--format text|md|json` and `--json`, as every read command of `own` does: a
    /// script reads the tokens as JSON, not by cutting tab-separated columns.
    @Test func listsTakeTheReadFormats() throws {
        try Self.withStore { db in
            #expect(
                try ServerProcess.run(
                    ["token", "add", "--team", "payments", "--person", "ana", "--role", "member"] + db
                ).status == 0
            )
            // Spelled as the configuration spells them (`--zone` and `--days` still work).
            let set = ["person", "set", "ana", "--team", "payments", "--tz", "Europe/Berlin", "--workdays", "mon-thu"]
            #expect(try ServerProcess.run(set + db).status == 0)
            let tokens = try ServerProcess.run(["token", "list", "--json"] + db)
            let token = try #require(try JSONParser.parse(tokens.stdout).arrayValue?.first?.objectValue)
            #expect(token["person"] == "ana" && token["team"] == "payments" && token["revoked"] == .null, "\(token)")
            let teams = try ServerProcess.run(["team", "list", "--format", "json"] + db).stdout
            #expect(try JSONParser.parse(teams).arrayValue?.first?.objectValue?["name"] == "payments")
            let people = try ServerProcess.run(["person", "list", "--team", "payments", "--json"] + db).stdout
            let ana = try #require(try JSONParser.parse(people).arrayValue?.first?.objectValue)
            #expect(ana["zone"] == "Europe/Berlin" && ana["workdays"] == "mon-thu" && ana["channel"] == .null, "\(ana)")
            #expect(try ServerProcess.run(["channel", "list", "--json"] + db).stdout == "[]\n")
            let md = try ServerProcess.run(["token", "list", "--format", "md"] + db).stdout
            #expect(md.hasPrefix("| id | team | person | role | created | state |\n|---|"), "\(md)")
            let both = try ServerProcess.run(["team", "list", "--json", "--format", "md"] + db)
            #expect(both.status == 2, "\(both.stderr)")
        }
    }

    /// A channel's last error stays on record after a later message got through: said as past then.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")))
    func aRecoveredChannelsLastErrorIsSaidAsPast() throws {
        try Self.withStore { db in
            let added = ["channel", "add", "--team", "payments", "--webhook", "https://hooks.example.com/team"]
            #expect(try ServerProcess.run(added + db).status == 0)
            func listed(after sql: String) throws -> String {
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/usr/bin/sqlite3")
                process.arguments = [db[1], sql]
                try process.run()
                process.waitUntilExit()
                return try ServerProcess.run(["channel", "list", "--team", "payments"] + db).stdout
            }
            let failing = try listed(after: "UPDATE channels SET last_error = 'HTTP 500', failing_since = 1796000000")
            #expect(failing.contains("failing since") && failing.contains("\tlast error: HTTP 500"), "\(failing)")
            // A message waiting for another attempt: the channel has not delivered since its error (a
            // new channel with a mistyped URL read "ok, recovered" while every attempt failed).
            let retrying = try listed(
                after: "UPDATE channels SET failing_since = NULL; "
                    + "INSERT INTO outbox (team, channel, dedupe_key, body, created, state, next_at, attempts) "
                    + "SELECT 'payments', name, 'notice:x', '{}', 1796000000, 'pending', 1796000030, 1 FROM channels"
            )
            #expect(retrying.contains("\tretrying\tlast error: HTTP 500"), "\(retrying)")
            #expect(!retrying.contains("recovered"), "\(retrying)")
            let recovered = try listed(after: "UPDATE outbox SET state = 'sent', sent = 1796000030")
            #expect(recovered.contains("\tok\trecovered; last error: HTTP 500"), "\(recovered)")
        }
    }

    /// A channel's name follows the rule for people's names, since a person's own channel is named
    /// after them: `Ben` has one (the team's a-z rule refused it); a space, or a name that is no
    /// person's, names no channel.
    @Test func aPersonWithCapitalsHasAChannelOfTheirOwn() throws {
        try Self.withStore { db in
            let ben = try ServerProcess.run(
                ["person", "set", "--team", "payments", "Ben", "--channel", "https://hooks.example.com/ben"] + db
            )
            #expect(ben.status == 0, "\(ben.stderr)")
            #expect(
                try ServerProcess.run(["person", "list", "--team", "payments"] + db).stdout.contains("channel=webhook")
            )
            for name in ["Ops Room", "all", "own-server"] {
                let run = try ServerProcess.run(
                    [
                        "channel", "add", "--team", "payments", "--name", name, "--webhook",
                        "https://hooks.example.com/o",
                    ]
                        + db
                )
                #expect(run.status == 2, "\(name)")
                #expect(
                    run.stderr.hasPrefix("own: \"\(name)\" cannot name a channel: use 1 to 64 characters"),
                    "\(run.stderr)"
                )
            }
        }
    }

    /// A URL whose port is no port (past 65535, or 0) is refused with nothing written: the sender
    /// wrapped 99999 round to 34463 and posted to whatever listened there.
    @Test func aChannelURLWithAPortThatIsNoPortIsRefused() throws {
        try Self.withStore { db in
            for url in ["http://127.0.0.1:99999/x", "http://127.0.0.1:0/x", "https://hooks.example.com:65536/"] {
                let team = try ServerProcess.run(
                    ["channel", "add", "--team", "payments", "--name", "ops", "--webhook", url] + db
                )
                #expect(team.status == 2, "\(url)")
                #expect(team.stderr.contains("(and a port, if any, from 1 to 65535)"), "\(team.stderr)")
                let person = try ServerProcess.run(
                    ["person", "set", "--team", "payments", "bob", "--channel", url] + db
                )
                #expect(person.status == 2, "\(url)")
                #expect(person.stderr.contains("(and a port, if any, from 1 to 65535)"), "\(person.stderr)")
            }
            let listed = try ServerProcess.run(["channel", "list", "--team", "payments"] + db)
            #expect(!listed.stdout.contains("ops"), "\(listed.stdout)")
            let ok = try ServerProcess.run(
                ["channel", "add", "--team", "payments", "--name", "ops", "--webhook", "http://127.0.0.1:65535/x"] + db
            )
            #expect(ok.status == 0, "\(ok.stderr)")
        }
    }

    /// A person leaves a team: refused while a token of theirs works (they would still be a person of
    /// the team); then their settings and own channel go, and they are no person a monitor may name.
    @Test func aPersonIsRemovedOnceTheirTokensAreRevoked() throws {
        try Self.withStore { db in
            let token = try ServerProcess.run(
                ["token", "add", "--team", "payments", "--person", "erin", "--role", "member"] + db
            )
            #expect(token.status == 0, "\(token.stderr)")
            let set = ["person", "set", "--team", "payments", "erin", "--channel", "https://hooks.example.com/erin"]
            #expect(try ServerProcess.run(set + db).status == 0)
            let remove = ["person", "remove", "--team", "payments", "erin"] + db
            // Each working token named, so that one refusal says every revoke it takes (an audit met
            // them one at a time).
            let second = ["token", "add", "--team", "payments", "--person", "erin", "--role", "reader"] + db
            #expect(try ServerProcess.run(second).status == 0)
            let list = try ServerProcess.run(["token", "list", "--team", "payments"] + db).stdout
            let ids = list.split(separator: "\n").compactMap { $0.split(separator: "\t").first.map(String.init) }
                .sorted()
            try #require(ids.count == 2)
            let refused = try ServerProcess.run(remove)
            #expect(refused.status == 2)
            #expect(
                refused.stderr
                    == "own: erin holds 2 tokens that work (\(ids[0]), \(ids[1])); revoke them first: "
                    + "own server token revoke \(ids[0]); own server token revoke \(ids[1])\n",
                "\(refused.stderr)"
            )
            #expect(try ServerProcess.run(["token", "revoke", ids[1]] + db).status == 0)
            let one = try ServerProcess.run(remove)
            #expect(
                one.stderr
                    == "own: erin holds a token that works (\(ids[0])); revoke it first: own server token revoke \(ids[0])\n",
                "\(one.stderr)"
            )
            #expect(try ServerProcess.run(["token", "revoke", ids[0]] + db).status == 0)
            let removed = try ServerProcess.run(remove)
            #expect(removed.status == 0, "\(removed.stderr)")
            #expect(
                removed.stdout
                    == "removed erin from payments: their settings and own channel (their events and loops stay)\n"
            )
            #expect(!(try ServerProcess.run(["person", "list", "--team", "payments"] + db).stdout.contains("erin")))
            #expect(!(try ServerProcess.run(["channel", "list", "--team", "payments"] + db).stdout.contains("erin")))
            let again = try ServerProcess.run(remove)
            #expect(
                again.status == 2 && again.stderr.hasPrefix("own: erin is no person of payments"),
                "\(again.stderr)"
            )
        }
    }

    /// Someone with a working member or lead token is one of the team's people, settings or none:
    /// listed with the defaults, by name among the others (they were left out); a reader's or a
    /// revoked token makes no one.
    @Test func aPersonWithOnlyATokenIsListedWithTheDefaults() throws {
        try Self.withStore { db in
            let set = ["person", "set", "--team", "payments", "lee", "--zone", "Europe/Berlin"]
            #expect(try ServerProcess.run(set + db).status == 0)
            for (person, role) in [("josé", "member"), ("ana", "lead"), ("wall", "reader")] {
                let add = ["token", "add", "--team", "payments", "--person", person, "--role", role]
                let added = try ServerProcess.run(add + db)
                #expect(added.status == 0, "\(added.stderr)")
            }
            let list = try ServerProcess.run(["person", "list", "--team", "payments"] + db)
            #expect(
                list.stdout
                    == "ana\tUTC Mon-Fri 09:00-17:00\njosé\tUTC Mon-Fri 09:00-17:00\n"
                    + "lee\tEurope/Berlin Mon-Fri 09:00-17:00\n",
                "\(list.stdout)"
            )
        }
    }

    /// `default` puts a setting back: a zone, days, hours or a policy key set by mistake stayed the
    /// person's own for good (only the default's value could be written over it).
    @Test func defaultPutsASettingBack() throws {
        try Self.withStore { db in
            let set = ["person", "set", "--team", "payments", "lee"]
            let first = try ServerProcess.run(
                set + ["--tz", "Europe/Berlin", "--hours", "08:00-16:00", "--policy", "capacity=4"] + db
            )
            #expect(first.status == 0, "\(first.stderr)")
            let back = try ServerProcess.run(set + ["--tz", "default", "--policy", "capacity=default"] + db)
            #expect(back.status == 0, "\(back.stderr)")
            #expect(back.stdout == "set lee in payments: UTC Mon-Fri 08:00-16:00\n", "\(back.stdout)")
            let json = try ServerProcess.run(["person", "list", "--team", "payments", "--json"] + db).stdout
            #expect(json.contains(#""zone":null"#) && json.contains(#""policy":{}"#), "\(json)")
        }
    }

    /// A monitor's owner is a person of the team: removing them was taken, and the monitor's next
    /// failure opened an incident loop owned by someone the team no longer has.
    @Test func aPersonWhoOwnsAMonitorIsNotRemoved() async throws {
        let folder = NSTemporaryDirectory() + "own-person-monitor-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let db = ["--db", folder + "/server.sqlite"]
        #expect(try ServerProcess.run(["team", "add", "payments"] + db).status == 0)
        let set = ["person", "set", "--team", "payments", "sam", "--zone", "America/New_York"]
        #expect(try ServerProcess.run(set + db).status == 0)
        let store = try SQLiteTeamStore(path: folder + "/server.sqlite")
        _ = try await store.addMonitor(
            MonitorRecord(
                uuid: "7c1f0a52-3d4b-4e6f-8a90-1b2c3d4e5f60",
                team: "payments",
                name: "Nightly export",
                slug: "nightly-export",
                owner: "sam",
                stakes: .high,
                timeout: 86_400,
                cron: nil,
                grace: 3600,
                createdAt: Timestamp.parse("2026-11-20T00:00:00Z")!
            )
        )
        let refused = try ServerProcess.run(["person", "remove", "--team", "payments", "sam"] + db)
        #expect(refused.status == 2)
        #expect(
            refused.stderr.hasPrefix("own: sam owns the monitors nightly-export of payments; give each another owner"),
            "\(refused.stderr)"
        )
        #expect(try ServerProcess.run(["person", "list", "--team", "payments"] + db).stdout.contains("sam"))
        // A token is revoked whatever its person owns (it may be leaking), with a warning when that
        // leaves a monitor's owner no person of the team.
        let added = try ServerProcess.run(
            ["token", "add", "--team", "payments", "--person", "tom", "--role", "member"] + db
        )
        #expect(added.status == 0, "\(added.stderr)")
        var monitor = try #require(try await store.monitors(team: "payments").first)
        monitor.owner = "tom"
        _ = try await store.save(monitor, ping: nil, flips: [])
        let list = try ServerProcess.run(["token", "list", "--team", "payments"] + db).stdout
        let id = try #require(list.split(separator: "\n").first { $0.contains("tom") }?.split(separator: "\t").first)
        let revoked = try ServerProcess.run(["token", "revoke", String(id)] + db)
        #expect(revoked.status == 0)
        #expect(
            revoked.stderr.contains(
                "tom is no person of payments now (no working token, no settings) and owns "
                    + "the monitors nightly-export"
            ),
            "\(revoked.stderr)"
        )
    }

    /// Settings changed without --channel keep the channel, and say it, as `person list` does.
    @Test func settingsWithoutAChannelSayTheOneKept() throws {
        try Self.withStore { db in
            let team = ["--team", "payments", "bob"]
            let slack = ["--channel", "https://hooks.example.com/bob", "--channel-kind", "slack"]
            #expect(try ServerProcess.run(["person", "set"] + team + slack + db).status == 0)
            let zone = try ServerProcess.run(["person", "set"] + team + ["--zone", "Asia/Tokyo"] + db)
            #expect(
                zone.stdout == "set bob in payments: Asia/Tokyo Mon-Fri 09:00-17:00 channel=slack\n",
                "\(zone.stdout)"
            )
            // Days given in any case are said as the default is written.
            let days = try ServerProcess.run(["person", "set"] + team + ["--days", "sun-thu"] + db)
            #expect(
                days.stdout == "set bob in payments: Asia/Tokyo Sun-Thu 09:00-17:00 channel=slack\n",
                "\(days.stdout)"
            )
            // A kind alone changed nothing: refused, saying what goes with it.
            let kind = try ServerProcess.run(["person", "set"] + team + ["--channel-kind", "webhook"] + db)
            #expect(kind.status == 2 && kind.stderr.contains("--channel-kind goes with --channel"), "\(kind.stderr)")
        }
    }

    /// A new URL for a Slack channel is still Slack: the kind is kept, as a team channel's is told
    /// by its option, unless `--channel-kind` says otherwise.
    @Test func aNewURLKeepsTheChannelsKind() throws {
        try Self.withStore { db in
            let first = try ServerProcess.run(
                ["person", "set", "--team", "payments", "ana", "--channel", "https://hooks.example.com/a"]
                    + ["--channel-kind", "slack"] + db
            )
            #expect(first.status == 0, "\(first.stderr)")
            let moved = try ServerProcess.run(
                ["person", "set", "--team", "payments", "ana", "--channel", "https://hooks.example.com/b"] + db
            )
            #expect(moved.status == 0, "\(moved.stderr)")
            #expect(moved.stdout.contains("channel=slack"), "\(moved.stdout)")
            let channels = try ServerProcess.run(["channel", "list", "--team", "payments"] + db).stdout
            #expect(channels.contains("payments\tana\tslack\thttps://hooks.example.com/b"), "\(channels)")
            #expect(
                try ServerProcess.run(["person", "list", "--team", "payments"] + db).stdout.contains("channel=slack")
            )

            let told = try ServerProcess.run(
                ["person", "set", "--team", "payments", "ana", "--channel", "https://hooks.example.com/c"]
                    + ["--channel-kind", "webhook"] + db
            )
            #expect(told.status == 0 && told.stdout.contains("channel=webhook"), "\(told.stdout)")
            // A first channel with no kind said is a webhook, as before.
            let ben = try ServerProcess.run(
                ["person", "set", "--team", "payments", "ben", "--channel", "https://hooks.example.com/ben"] + db
            )
            #expect(ben.stdout.contains("channel=webhook"), "\(ben.stdout)")
        }
    }

    /// A person named like one of the team's channels would take that channel's messages over: the
    /// name is refused, in one line, exit 2, nothing written; so is a channel named like a person.
    @Test func peopleAndTeamChannelsCannotShareAName() throws {
        try Self.withStore { db in
            let added = try ServerProcess.run(
                ["channel", "add", "--team", "payments", "--webhook", "https://hooks.example.com/team"] + db
            )
            #expect(added.status == 0, "\(added.stderr)")
            for refused in [
                ["person", "set", "--team", "payments", "webhook", "--zone", "Europe/Berlin"],
                ["person", "set", "--team", "payments", "webhook", "--channel", "https://hooks.example.com/w"],
                ["token", "add", "--team", "payments", "--person", "webhook", "--role", "member"],
            ] {
                let run = try ServerProcess.run(refused + db)
                #expect(run.status == 2, "\(refused)")
                #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
                #expect(run.stderr.contains("channel named webhook"), "\(run.stderr)")
            }
            #expect(try ServerProcess.run(["person", "list", "--team", "payments"] + db).stdout.isEmpty)
            #expect(try ServerProcess.run(["token", "list", "--team", "payments"] + db).stdout.isEmpty)
            let channels = try ServerProcess.run(["channel", "list", "--team", "payments"] + db).stdout
            #expect(channels.split(separator: "\n").count == 1 && channels.contains("https://hooks.example.com/team"))
            // A reader is nobody's audience: no clash.
            let reader = try ServerProcess.run(
                ["token", "add", "--team", "payments", "--person", "webhook", "--role", "reader"] + db
            )
            #expect(reader.status == 0, "\(reader.stderr)")

            // The other way: a team channel named after a person.
            #expect(try ServerProcess.run(["person", "set", "--team", "payments", "ana"] + db).status == 0)
            let clash = try ServerProcess.run(
                ["channel", "add", "--team", "payments", "--name", "ana", "--slack", "https://hooks.example.com/x"]
                    + db
            )
            #expect(clash.status == 2 && clash.stderr.contains("ana is a person of team payments"), "\(clash.stderr)")
            #expect(
                try ServerProcess.run(["channel", "list", "--team", "payments"] + db).stdout.split(separator: "\n")
                    .count == 1
            )
        }
    }

    /// `own-server` writes the server's notices and incidents, `all` means everyone and `none` and
    /// `nobody` no one: no person takes them, in any case, so nobody's token can write events that
    /// read as the server's.
    @Test func theServersOwnNameAndEveryoneAreNoPersonsName() throws {
        try Self.withStore { db in
            for name in ["own-server", "all", "All", "none", "nobody"] {
                for refused in [
                    ["token", "add", "--team", "payments", "--person", name, "--role", "member"],
                    ["person", "set", "--team", "payments", name, "--zone", "Europe/Berlin"],
                ] {
                    let run = try ServerProcess.run(refused + db)
                    #expect(run.status == 2, "\(refused)")
                    #expect(
                        run.stderr.lowercased().contains("\(name.lowercased()) is kept for the server's own events"),
                        "\(run.stderr)"
                    )
                }
            }
            #expect(try ServerProcess.run(["token", "list", "--team", "payments"] + db).stdout.isEmpty)
            #expect(try ServerProcess.run(["person", "list", "--team", "payments"] + db).stdout.isEmpty)
        }
    }
}
