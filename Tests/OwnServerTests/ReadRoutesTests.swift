import Foundation
import HTTPTypes
import HummingbirdTesting
import NIOCore
import OwnCore
import TeamStore
import Testing

@Suite("The read API: loops and the doctor, as of an instant")
struct ReadRoutesTests {
    static func seeded() async throws -> TestTeam {
        let team = try await TestTeam.make()
        let events = [
            line(
                .created,
                id: "e1",
                loop: "pay-b1",
                ["title": "Charge in euros", "stakes": "high", "due": "2026-11-24"]
            ),
            line(.started, id: "e2", loop: "pay-b1", at: "2026-11-23T10:00:00Z"),
            line(.created, id: "e3", loop: "pay-c2", at: "2026-11-25T09:00:00Z", by: "lee", ["title": "Refunds"]),
        ]
        _ = try await team.store.append(
            try events.map { try Event(jsonLine: $0, makeID: { "" }) },
            team: "payments"
        )
        return team
    }

    /// A NUL in a path names nothing: SQLite's lookup stopped at it, and `pay-b1%00junk` answered
    /// `pay-b1` (a person page rendered for a name nobody has, its NUL in the HTML).
    @Test func aPathWithANULNamesNothing() async throws {
        let team = try await Self.seeded()
        defer { team.discard() }
        try await team.withClient { client in
            let loop = try await client.execute(uri: "/api/v1/loops/pay-b1", method: .get, headers: team.auth("wall"))
            #expect(loop.status == .ok)
            for path in ["/api/v1/loops/pay-b1%00junk", "/api/v1/loops/pay-b1%00junk/notice"] {
                let cut = try await client.execute(uri: path, method: .get, headers: team.auth("wall"))
                #expect(cut.status == .notFound, "\(path): \(cut.text)")
            }
        }
    }

    /// In `own list --json`'s order: the overdue first, then blocked, then by stakes and due date;
    /// not by the server's numbers.
    @Test func loopsComeMostUrgentFirstAsOwnListHasThem() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let events = [
            line(.created, id: "u1", loop: "pay-calm", ["title": "No date"]),
            line(
                .created,
                id: "u2",
                loop: "pay-late",
                at: "2026-11-23T10:00:00Z",
                ["title": "Late", "due": "2026-11-24"]
            ),
            line(
                .created,
                id: "u3",
                loop: "pay-high",
                at: "2026-11-23T11:00:00Z",
                ["title": "High", "stakes": "high"]
            ),
        ]
        _ = try await team.store.append(try events.map { try Event(jsonLine: $0, makeID: { "" }) }, team: "payments")
        try await team.withClient { client in
            let listed = try await client.execute(uri: "/api/v1/loops", method: .get, headers: team.auth("wall"))
            let keys = (try JSONParser.parse(listed.text).arrayValue ?? []).map { $0.objectValue?["key"]?.stringValue }
            #expect(keys == ["pay-late", "pay-high", "pay-calm"], "\(listed.text)")
        }
    }

    /// Within a rule, by the loop's number, as `own doctor --json` lists them: the messages name loops
    /// by key, and the findings came back in key order.
    @Test func theDoctorListsFindingsByRuleThenNumber() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let events = [
            line(.created, id: "n1", loop: "pay-zulu", ["title": "First, with no end state"]),
            line(.created, id: "n2", loop: "pay-alpha", at: "2026-11-23T10:00:00Z", ["title": "Second, likewise"]),
        ]
        _ = try await team.store.append(try events.map { try Event(jsonLine: $0, makeID: { "" }) }, team: "payments")
        try await team.withClient { client in
            let found = try await client.execute(
                uri: "/api/v1/doctor?owner=all",
                method: .get,
                headers: team.auth("ana")
            )
            let findings = (try JSONParser.parse(found.text).arrayValue ?? []).compactMap(\.objectValue)
            var byRule: [String: [Double]] = [:]
            for finding in findings {
                guard let rule = finding["rule"]?.stringValue, let number = finding["number"]?.numberValue else {
                    continue
                }
                byRule[rule, default: []].append(number)
            }
            #expect(byRule.values.contains { $0 == [1, 2] }, "\(found.text)")
            #expect(byRule.values.allSatisfy { $0 == $0.sorted() }, "\(found.text)")
        }
    }

    /// `?owner=` reads the loops the person handed off too, as `own doctor --owner` does: theirs to
    /// follow up while the new owner has not taken them up.
    @Test func theDoctorForOnePersonHoldsTheirHandOffs() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let events = [
            line(.created, id: "d1", loop: "pay-hand", ["title": "Rotate keys"]),
            line(.handedOff, id: "d2", loop: "pay-hand", at: "2026-11-23T10:00:00Z", ["to": "lee"]),
        ]
        _ = try await team.store.append(try events.map { try Event(jsonLine: $0, makeID: { "" }) }, team: "payments")
        try await team.withClient { client in
            let ana = try await client.execute(uri: "/api/v1/doctor?owner=ana", method: .get, headers: team.auth("ana"))
            #expect(ana.text.contains(#""rule":"unaccepted-handoff""#), "\(ana.text)")
        }
    }

    /// A weekly of a past window reads its loops as they were when it ended, as `own weekly` does: a
    /// loop done after it is still in progress there.
    @Test func aPastWeeklyReadsTheLoopsAsTheyWere() async throws {
        let team = try await Self.seeded()
        defer { team.discard() }
        _ = try await team.store.append(
            [
                try Event(
                    jsonLine: line(.done, id: "x1", loop: "pay-b1", at: "2026-11-26T10:00:00Z", ["outcome": "ok"])
                ) { "" }
            ],
            team: "payments"
        )
        try await team.withClient { client in
            let past = try await client.execute(
                uri: "/api/v1/reports/weekly?person=ana&since=2026-11-23&until=2026-11-24",
                method: .get,
                headers: team.auth("ana")
            )
            let weekly = try JSONParser.parse(past.text).objectValue ?? [:]
            let progress = weekly["progress"]?.arrayValue?.first?.objectValue ?? [:]
            #expect(progress["loop"] == "pay-b1" && progress["done"] == .bool(false), "\(past.text)")
            #expect(progress["state"] == "active", "\(past.text)")
        }
    }

    /// Bad input is a 400 that says what to give, as the CLI says it.
    @Test func oddQueriesAreRefusedWithWhatToGive() async throws {
        let team = try await Self.seeded()
        defer { team.discard() }
        try await team.withClient { client in
            func get(_ uri: String) async throws -> TestResponse {
                try await client.execute(uri: uri, method: .get, headers: team.auth("lee"))
            }
            let nobody = try await get("/api/v1/doctor?owner=nobody")
            #expect(nobody.status == .badRequest && nobody.text.contains("no one's name"), "\(nobody.text)")
            let backwards = try await get("/api/v1/reports/weekly?since=2026-11-25&until=2026-11-24")
            #expect(backwards.status == .badRequest && backwards.text.contains("must be before"), "\(backwards.text)")
            let instant = try await get("/api/v1/reports/weekly?since=2026-11-25T00:00:00Z&until=2026-11-24")
            #expect(instant.status == .badRequest && instant.text.contains("must be before"), "\(instant.text)")
            let ahead = try await get("/api/v1/reports/weekly?since=2026-12-25")
            #expect(ahead.status == .badRequest && ahead.text.contains("is after now"), "\(ahead.text)")
            let lists = try await get("/api/v1/loops?owner=ana&owner=lee")
            #expect(lists.text.contains("comma-separated"), "\(lists.text)")
            let one = try await get("/api/v1/doctor?owner=ana&owner=lee")
            #expect(one.status == .badRequest && !one.text.contains("comma-separated"), "\(one.text)")
            var many = ByteBuffer(string: #"{"ids": ["# + (1...10_001).map(String.init).joined(separator: ",") + "]}")
            many.writeString("")
            let marked = try await client.execute(
                uri: "/api/v1/inbox/read",
                method: .post,
                headers: team.auth("ana"),
                body: many
            )
            #expect(marked.status == .badRequest && marked.text.contains("at most 10000"), "\(marked.text)")
        }
    }

    /// A name typed with a combining accent is the composed one, in every read that takes a name.
    @Test func aNameTypedDecomposedIsTheComposedOneInEveryRead() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let events = [line(.created, id: "j1", loop: "pay-j", by: "jos\u{E9}", ["title": "Refunds"])]
        _ = try await team.store.append(try events.map { try Event(jsonLine: $0, makeID: { "" }) }, team: "payments")
        try await team.withClient { client in
            for path in ["/api/v1/loops?owner=", "/api/v1/doctor?owner=", "/api/v1/reports/standup?person="] {
                let composed = try await client.execute(
                    uri: path + "jos%C3%A9",
                    method: .get,
                    headers: team.auth("wall")
                )
                let typed = try await client.execute(uri: path + "jose%CC%81", method: .get, headers: team.auth("wall"))
                #expect(composed.status == .ok, "\(path): \(composed.text)")
                #expect(typed.status == composed.status && typed.text == composed.text, "\(path): \(typed.text)")
            }
        }
    }

    @Test func loopsFilterByOwnerAndReadAsOfAnInstant() async throws {
        let team = try await Self.seeded()
        defer { team.discard() }
        try await team.withClient { client in
            let ana = try await client.execute(uri: "/api/v1/loops?owner=ana", method: .get, headers: team.auth("wall"))
            #expect(ana.status == .ok)
            let loops = try JSONParser.parse(ana.text).arrayValue ?? []
            #expect(loops.map { $0.objectValue?["key"]?.stringValue } == ["pay-b1"])
            #expect(loops.first?.objectValue?["state"] == "active")
            // At the server's now (2026-11-27T12:00Z) the loop due on the 24th is overdue.
            #expect(loops.first?.objectValue?["overdue"] == .bool(true))
            // A name with blanks around it is the name, in every read that takes one.
            for (uri, plain) in [("owner=%20ana%20", "owner=ana"), ("owner=lee,%20ana", "owner=lee,ana")] {
                let padded = try await client.execute(
                    uri: "/api/v1/loops?" + uri,
                    method: .get,
                    headers: team.auth("wall")
                )
                let named = try await client.execute(
                    uri: "/api/v1/loops?" + plain,
                    method: .get,
                    headers: team.auth("wall")
                )
                #expect(padded.text == named.text && named.status == .ok, "\(uri): \(padded.text)")
            }
            let report = try await client.execute(
                uri: "/api/v1/reports/standup?person=%20ana%20",
                method: .get,
                headers: team.auth("wall")
            )
            #expect(report.status == .ok, "\(report.text)")
            #expect(try JSONParser.parse(report.text).objectValue?["owner"] == "ana", "\(report.text)")

            let monday = try await client.execute(
                uri: "/api/v1/loops?at=2026-11-23T09:30:00Z",
                method: .get,
                headers: team.auth("wall")
            )
            let then = try JSONParser.parse(monday.text).arrayValue ?? []
            #expect(then.map { $0.objectValue?["state"]?.stringValue } == ["proposed"])
            #expect(then.first?.objectValue?["overdue"] == .bool(false))

            let badAt = try await client.execute(
                uri: "/api/v1/loops?at=monday",
                method: .get,
                headers: team.auth("wall")
            )
            #expect(badAt.status == .badRequest)
            #expect(badAt.error?.contains("\"at\" must be an ISO-8601 date-time") == true)
            let badState = try await client.execute(
                uri: "/api/v1/loops?state=asleep",
                method: .get,
                headers: team.auth("wall")
            )
            #expect(badState.status == .badRequest)
            #expect(badState.error?.contains("handed-off") == false, "no loop is in that state now")
            // A hand-off leaves the loop open for its new owner: no query by state matches it.
            let handedOff = try await client.execute(
                uri: "/api/v1/loops?state=handed-off",
                method: .get,
                headers: team.auth("wall")
            )
            #expect(handedOff.status == .badRequest)
            // A flag is true or false: `all=1` read as false answered less than was asked for.
            for value in ["1", "TRUE", "maybe"] {
                let flag = try await client.execute(
                    uri: "/api/v1/loops?all=" + value,
                    method: .get,
                    headers: team.auth("wall")
                )
                #expect(flag.status == .badRequest, "\(value)")
                #expect(flag.error == "\"all\" must be true or false", "\(value)")
            }
            let every = try await client.execute(
                uri: "/api/v1/loops?all=true",
                method: .get,
                headers: team.auth("wall")
            )
            let live = try await client.execute(
                uri: "/api/v1/loops?all=false",
                method: .get,
                headers: team.auth("wall")
            )
            #expect(every.status == .ok && live.status == .ok)
            // A parameter the path does not take is refused: a misspelled filter answered everything.
            let misspelled = try await client.execute(
                uri: "/api/v1/loops?onwer=ana",
                method: .get,
                headers: team.auth("wall")
            )
            #expect(misspelled.status == .badRequest)
            #expect(
                misspelled.error?.hasPrefix("unknown query parameter \"onwer\": this path takes only all, at,") == true
            )
            let twice = try await client.execute(
                uri: "/api/v1/loops?state=open&state=blocked",
                method: .get,
                headers: team.auth("wall")
            )
            #expect(twice.error == "\"state\" is given twice; give it once (several values comma-separated)")
            // An empty pair (`?&state=open`, `?state=open&`) names nothing, at either end.
            for uri in ["/api/v1/loops?&&state=open", "/api/v1/loops?state=open&"] {
                let empty = try await client.execute(uri: uri, method: .get, headers: team.auth("wall"))
                #expect(empty.status == .ok, "\(uri): \(empty.text)")
            }
            // A value with no name filters nothing: refused, not read as no filter.
            let unnamed = try await client.execute(uri: "/api/v1/loops?=open", method: .get, headers: team.auth("wall"))
            #expect(unnamed.status == .badRequest, "\(unnamed.text)")
            // A base URL ending in a slash makes `//api/v1/…`, which the router serves: checked all the same.
            let slashed = try await client.execute(
                uri: "//api/v1/loops?onwer=ana",
                method: .get,
                headers: team.auth("wall")
            )
            #expect(slashed.status == .badRequest, "\(slashed.text)")
            // `all` in any case is everyone; `none` and `nobody` are no one's names, not an empty list.
            let upper = try await client.execute(
                uri: "/api/v1/loops?owner=ALL",
                method: .get,
                headers: team.auth("wall")
            )
            let lower = try await client.execute(
                uri: "/api/v1/loops?owner=all",
                method: .get,
                headers: team.auth("wall")
            )
            #expect(upper.status == .ok && upper.text == lower.text)
            // A name too long says so, not only what all, none and nobody mean.
            for owner in ["none", "nobody", "ana,ALL", String(repeating: "a", count: 65)] {
                for path in ["loops", "doctor"] where path == "loops" || !owner.contains(",") {
                    let odd = try await client.execute(
                        uri: "/api/v1/\(path)?owner=\(owner)",
                        method: .get,
                        headers: team.auth("wall")
                    )
                    #expect(
                        odd.status == .badRequest && odd.error?.contains("is no one's name") == true
                            && odd.error?.contains("at most 64 characters") == true,
                        "\(path): \(odd.text)"
                    )
                }
            }
            let noOne = try await client.execute(
                uri: "/api/v1/reports/standup?person=none",
                method: .get,
                headers: team.auth("wall")
            )
            #expect(noOne.error == "\"person\" names no one (none); give a person", "\(noOne.text)")
            // Empty names nobody, as `?owner=` does: not read as the token's person.
            for empty in ["", "%20"] {
                let blank = try await client.execute(
                    uri: "/api/v1/reports/weekly?person=\(empty)",
                    method: .get,
                    headers: team.auth("wall")
                )
                #expect(blank.status == .badRequest && blank.error?.hasPrefix("\"person\" names nobody") == true)
            }
            let none = try await client.execute(
                uri: "/api/v1/inbox/read?x=1",
                method: .post,
                headers: team.auth("wall")
            )
            #expect(none.error == "unknown query parameter \"x\": this path takes no query parameters")
            // A report is one person's: `person=all` is refused, not answered with an empty report of "all".
            for path in ["standup", "weekly"] {
                let everyone = try await client.execute(
                    uri: "/api/v1/reports/\(path)?person=all",
                    method: .get,
                    headers: team.auth("wall")
                )
                #expect(everyone.status == .badRequest, "\(path)")
                #expect(everyone.error?.contains("one person") == true, "\(path)")
                // A name the team does not know is a typo, not a person with nothing to report.
                let typo = try await client.execute(
                    uri: "/api/v1/reports/\(path)?person=zed",
                    method: .get,
                    headers: team.auth("wall")
                )
                #expect(typo.status == .notFound, "\(path)")
                #expect(typo.error?.hasPrefix("no person zed in team payments") == true, "\(typo.text)")
                let known = try await client.execute(
                    uri: "/api/v1/reports/\(path)?person=ana",
                    method: .get,
                    headers: team.auth("wall")
                )
                #expect(known.status == .ok, "\(path)")
            }
            // With `until` only, the week is `until`'s: a week not begun is said of `until`, not of a
            // `since` the client never sent.
            let ahead = try await client.execute(
                uri: "/api/v1/reports/weekly?person=ana&until=2999-06-01",
                method: .get,
                headers: team.auth("wall")
            )
            #expect(ahead.status == .badRequest)
            #expect(ahead.error?.hasPrefix("\"until\" is in a week not begun yet") == true, "\(ahead.text)")
        }
    }

    @Test func aLoopIsNamedByAUniqueKeyPrefixWithItsEvents() async throws {
        let team = try await Self.seeded()
        defer { team.discard() }
        try await team.withClient { client in
            let shown = try await client.execute(uri: "/api/v1/loops/pay-b", method: .get, headers: team.auth("ana"))
            #expect(shown.status == .ok)
            let object = try JSONParser.parse(shown.text).objectValue ?? [:]
            #expect(object["loop"]?.objectValue?["key"] == "pay-b1")
            #expect(object["events"]?.arrayValue?.count == 2)
            let short = try await client.execute(uri: "/api/v1/loops/pay", method: .get, headers: team.auth("ana"))
            #expect(short.status == .notFound)
            #expect(short.error == "no loop \"pay\" in your team (a key's start names a loop from 4 characters)")
            let ambiguous = try await client.execute(uri: "/api/v1/loops/pay-", method: .get, headers: team.auth("ana"))
            #expect(ambiguous.status == .badRequest)
            #expect(ambiguous.error?.contains("several loops") == true)
            // As of before pay-c2 was created, the prefix names the one loop there was.
            let then = try await client.execute(
                uri: "/api/v1/loops/pay-?at=2026-11-24T09:00:00Z",
                method: .get,
                headers: team.auth("ana")
            )
            #expect(then.status == .ok, "\(then.text)")
            #expect(try JSONParser.parse(then.text).objectValue?["loop"]?.objectValue?["key"] == "pay-b1")
        }
    }

    /// Keys may hold spaces, letters beyond ASCII and `#`: the path's segment is decoded, so a
    /// link that encodes the key opens the loop.
    @Test func aKeyWithSpacesOrAccentsOpensFromItsEncodedPath() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let keys = ["db migration", "café-fix", "ben#hash"]
        _ = try await team.store.append(
            try keys.enumerated().map { index, key in
                try Event(jsonLine: line(.created, id: "k\(index)", loop: key, ["title": "T"]), makeID: { "" })
            },
            team: "payments"
        )
        try await team.withClient { client in
            for (key, path) in zip(keys, ["db%20migration", "caf%C3%A9-fix", "ben%23hash"]) {
                let shown = try await client.execute(
                    uri: "/api/v1/loops/" + path,
                    method: .get,
                    headers: team.auth("ana")
                )
                #expect(shown.status == .ok, "\(key)")
                #expect(try JSONParser.parse(shown.text).objectValue?["loop"]?.objectValue?["key"]?.stringValue == key)
            }
        }
    }

    @Test func theDoctorJudgesTheTeamAsOfAnInstant() async throws {
        let team = try await Self.seeded()
        defer { team.discard() }
        try await team.withClient { client in
            let now = try await client.execute(uri: "/api/v1/doctor?owner=ana", method: .get, headers: team.auth("lee"))
            let findings = try JSONParser.parse(now.text).arrayValue ?? []
            let rules = Set(findings.compactMap { $0.objectValue?["rule"]?.stringValue })
            #expect(rules.contains("overdue"))
            #expect(findings.allSatisfy { $0.objectValue?["owner"] == "ana" })
            // What people read names loops by key: a number is each ledger's own. `number` is the server's.
            for finding in findings.compactMap(\.objectValue) where finding["loop"] != .null {
                let text = (finding["message"]?.stringValue ?? "") + (finding["suggestion"]?.stringValue ?? "")
                #expect(!text.contains("#"), "\(text)")
                #expect(finding["number"]?.numberValue != nil)
            }
            #expect(
                findings.contains { finding in
                    guard let key = finding.objectValue?["loop"]?.stringValue else { return false }
                    return finding.objectValue?["suggestion"]?.stringValue?.contains(key) == true
                }
            )
            let before = try await client.execute(
                uri: "/api/v1/doctor?owner=ana&at=2026-11-23T09:30:00Z",
                method: .get,
                headers: team.auth("lee")
            )
            let earlier = try JSONParser.parse(before.text).arrayValue ?? []
            #expect(!earlier.contains { $0.objectValue?["rule"] == "overdue" })
            // A blank, a list or a name the team does not know read as all clear: refused, saying why.
            for (owner, status, says) in [
                ("", HTTPResponse.Status.badRequest, "names nobody"), ("ana,bob", .badRequest, "names one person"),
                ("anna", .notFound, "no person anna in team payments"), ("%20", .badRequest, "names nobody"),
            ] {
                let refused = try await client.execute(
                    uri: "/api/v1/doctor?owner=" + owner,
                    method: .get,
                    headers: team.auth("lee")
                )
                #expect(refused.status == status, "\(owner)")
                #expect(refused.text.contains(says), "\(owner): \(refused.text)")
            }
        }
    }
}
