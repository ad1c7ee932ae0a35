import Foundation
import HTTPTypes
import HummingbirdTesting
import Logging
import NIOCore
import OwnCore
import OwnServer
import Synchronization
import TeamStore
import Testing

/// The notifier over a fresh `TestTeam` store: payments has a Slack channel `slack` and a webhook
/// `hook` (and search one of its own); ana (member) owns the loops, lee and raj lead.
private func notifier(_ team: TestTeam) -> Notifier {
    Notifier(store: team.store, delivery: team.store, inbox: team.store, logger: Logger(label: "own.tests.notifier"))
}

private func withChannels(_ body: (TestTeam) async throws -> Void) async throws {
    let team = try await TestTeam.make()
    defer { team.discard() }
    for (teamName, name, kind) in [
        ("payments", "slack", Channel.Kind.slack), ("payments", "hook", .webhook), ("search", "hook", .webhook),
    ] {
        _ = try await team.store.addChannel(
            Channel(
                team: teamName,
                name: name,
                kind: kind,
                url: "https://hooks.example.com/\(teamName)/\(name)/secret-token",
                createdAt: TestTeam.now
            )
        )
    }
    try await notifier(team).run(at: TestTeam.now)
    try await body(team)
}

private func fact(
    _ type: EventType,
    id: String,
    loop: String = "pay-b1",
    at: String,
    by: String = "ana",
    _ fields: EventFields = [:]
) -> Event {
    Event(id: id, loop: loop, at: Timestamp.parse(at)!, by: by, type: type, fields: fields)
}

private func created(
    _ loop: String = "pay-b1",
    affects: [String],
    stakes: String = "medium",
    autonomy: Int? = nil,
    at: String = "2026-11-23T09:00:00Z"
)
    -> Event
{
    var fields: EventFields = [
        "title": "Refund webhook", "doneWhen": "refunds post to the ledger", "due": "2026-11-30",
        "affects": .array(affects.map(JSONValue.string)), "stakes": .string(stakes),
    ]
    if let autonomy { fields["autonomy"] = .number(Double(autonomy)) }
    return fact(.created, id: "c-" + loop, loop: loop, at: at, fields)
}

private func findings(_ team: TestTeam) async throws -> String {
    let text = Mutex("")
    try await team.withClient { client in
        let response = try await client.execute(
            uri: "/api/v1/doctor?owner=ana",
            method: .get,
            headers: team.auth("ana")
        )
        #expect(response.status == .ok)
        text.withLock { $0 = response.text }
    }
    return text.withLock { $0 }
}

@Suite("The notifier: notices, alerts, approvals and hand-offs from the events that arrive")
struct NotifierTests {
    /// A shutdown during a long backlog (`stopping` says so) stops the pass after the batch under way, its place saved;
    /// the next pass goes on from there.
    @Test func aCancelledPassStopsAfterItsBatchWithItsPlaceSaved() async throws {
        try await withChannels { team in
            let events = (1...5).map { index in
                fact(.noted, id: "n\(index)", at: "2026-11-24T09:0\(index):00Z", ["note": .string("step \(index)")])
            }
            _ = try await team.store.append([created(affects: [])] + events, team: "payments")
            let before = try await team.store.notifiedSeq(team: "payments") ?? 0
            let small = Notifier(
                store: team.store,
                delivery: team.store,
                inbox: team.store,
                logger: Logger(label: "own.tests.notifier"),
                batch: 2
            )
            _ = try await small.run(at: TestTeam.now, stopping: { true })
            #expect(try await team.store.notifiedSeq(team: "payments") == before + 2)
            _ = try await small.run(at: TestTeam.now)
            #expect(try await team.store.notifiedSeq(team: "payments") == team.store.lastSeq(team: "payments"))
        }
    }

    /// One team's store refusing what its notices file (its inbox, here) stops that team's notices,
    /// named with the event they stopped at, and not the next team's: every team's notices stopped
    /// behind one event PostgreSQL would not index.
    @Test func oneTeamsFailureDoesNotStopAnotherTeamsNotices() async throws {
        try await withChannels { team in
            _ = try await team.store.append(
                [created(affects: ["lee"]), fact(.risk, id: "r1", at: "2026-11-23T10:00:00Z", ["note": "late"])],
                team: "payments"
            )
            _ = try await team.store.append(
                [
                    created("srch-1", affects: ["sam"]),
                    fact(.risk, id: "r2", loop: "srch-1", at: "2026-11-23T10:00:00Z", ["note": "slow"]),
                ],
                team: "search"
            )
            let failing = Notifier(
                store: team.store,
                delivery: team.store,
                inbox: InboxRefusing(team: "payments", inner: team.store),
                logger: Logger(label: "own.tests.notifier")
            )
            await #expect {
                try await failing.run(at: TestTeam.now)
            } throws: { error in
                "\(error)".hasPrefix("team payments, at its event 2 (r1): ")
            }
            #expect(try await team.store.inbox(team: "search", person: "sam", unreadOnly: true, limit: 10).count == 1)
            // Payments' place stays at the event its notices stopped at; search's moved past its own.
            #expect(try await team.store.notifiedSeq(team: "payments") ?? 0 < 2)
            #expect(try await team.store.notifiedSeq(team: "search") ?? 0 >= 2)
        }
    }

    @Test func aRiskOnALoopThatAffectsSomeoneIsNoticedOnceAndClearsTheDoctor() async throws {
        try await withChannels { team in
            _ = try await team.store.append(
                [
                    created(affects: ["lee"]),
                    fact(.risk, id: "r1", at: "2026-11-23T10:00:00Z", ["note": "the bank's sandbox is down"]),
                    fact(.dueChanged, id: "d1", at: "2026-11-23T10:05:00Z", ["due": "2026-12-04"]),
                ],
                team: "payments"
            )
            #expect(try await findings(team).contains("uncommunicated-change"))

            // Two changes in one push: one notice, which tells of both.
            let outcome = try await notifier(team).run(at: TestTeam.now)
            #expect(outcome.enqueued == ["notice:r1@hook", "notice:r1@slack"])
            #expect(outcome.inboxed == ["notice:r1@lee"])
            #expect(outcome.reported == ["pay-b1"])
            #expect(try await !findings(team).contains("uncommunicated-change"))

            let loop = try #require(try await team.store.loop(team: "payments", key: "pay-b1", asOf: nil))
            #expect(loop.reports.map(\.channel) == [.notice])
            let bodies = try await team.store.outbox(team: "payments").map(\.message.body)
            #expect(bodies.count == 2)
            for body in bodies {
                #expect(body.contains("pay-b1") && body.contains("the bank's sandbox is down"))
                #expect(!body.contains("secret-token") && !body.contains("hooks.example.com"))
                #expect(!team.tokens.values.contains { body.contains($0) })
            }
            let inbox = try await team.store.inbox(team: "payments", person: "lee", unreadOnly: true, limit: 10)
            #expect(inbox.map(\.kind) == [.notice] && inbox.map(\.loop) == ["pay-b1"])
            // Both changes, as the channels got them: the risk and the date moved.
            let text = inbox.first?.text ?? ""
            #expect(text.contains("the bank's sandbox is down") && text.contains("Fri 4 Dec"), "\(text)")

            // The next pass reads nothing new; a pass over the same events again sends nothing twice.
            #expect(try await notifier(team).run(at: TestTeam.now) == Notifier.Outcome())
            #expect(try await team.store.outbox(team: "search").isEmpty)
        }
    }

    /// Changes dated a few minutes ahead of the server's clock (a laptop's clock runs fast) are one
    /// notice too, telling of them all: each went out alone, as its instant came.
    /// A change someone else made to the loop's plan reaches those it affects but its author, who
    /// knows, and the loop's owner, who heard of it nowhere else.
    @Test func aChangeByAnotherReachesTheOwnerAndNotItsAuthor() async throws {
        try await withChannels { team in
            _ = try await team.store.append(
                [
                    created(affects: ["lee", "raj"]),
                    fact(.dueChanged, id: "d9", at: "2026-11-23T10:05:00Z", by: "lee", ["due": "2026-12-04"]),
                ],
                team: "payments"
            )
            let outcome = try await notifier(team).run(at: TestTeam.now)
            #expect(outcome.inboxed == ["notice:d9@raj", "notice:d9@ana"], "\(outcome.inboxed)")
            #expect(outcome.reported == ["pay-b1"])
        }
    }

    /// Two people's changes in one pass are one notice: each person it affects hears of those they
    /// did not make, and the owner of the one someone else made, from whoever made them (it went by
    /// the first change's author: lee, who made it, never heard of ana's, and ana heard of her own).
    @Test func aNoticeOfTwoPeoplesChangesReachesEachWhoDidNotMakeThem() async throws {
        try await withChannels { team in
            _ = try await team.store.append(
                [
                    created(affects: ["lee", "raj"]),
                    fact(.risk, id: "r1", at: "2026-11-23T10:05:00Z", by: "lee", ["note": "disk nearly full"]),
                    fact(.dueChanged, id: "d2", at: "2026-11-23T10:06:00Z", ["due": "2026-12-04"]),
                ],
                team: "payments"
            )
            let outcome = try await notifier(team).run(at: TestTeam.now)
            #expect(outcome.inboxed == ["notice:r1@lee", "notice:r1@raj", "notice:r1@ana"], "\(outcome.inboxed)")
            var from: [String: String] = [:]
            var text: [String: String] = [:]
            for person in ["lee", "raj", "ana"] {
                let items = try await team.store.inbox(team: "payments", person: person, unreadOnly: true, limit: 10)
                from[person] = items.first?.from
                text[person] = items.first?.text
            }
            #expect(from == ["lee": "ana", "raj": "ana and lee", "ana": "lee"])
            // Each hears of the changes they did not make: lee of the date ana moved, not of lee's own risk.
            #expect(text["lee"]?.contains("disk nearly full") == false, "\(text)")
            #expect(text["lee"]?.contains("due moved") == true, "\(text)")
            #expect(text["raj"]?.contains("disk nearly full") == true && text["raj"]?.contains("due moved") == true)
        }
    }

    /// A loop nobody else depends on: its owner hears of each change someone else made once, by the
    /// change, and never of their own.
    @Test func theOwnerHearsOfEachChangeByAnotherOnceAndNeverOfTheirOwn() async throws {
        try await withChannels { team in
            _ = try await team.store.append(
                [
                    created(affects: []),
                    fact(.dueChanged, id: "l1", at: "2026-11-23T10:05:00Z", by: "lee", ["due": "2026-12-04"]),
                ],
                team: "payments"
            )
            let first = try await notifier(team).run(at: TestTeam.now)
            #expect(first.inboxed == ["notice:l1@ana"], "\(first.inboxed)")
            _ = try await team.store.append(
                [fact(.dueChanged, id: "a2", at: "2026-11-23T10:10:00Z", ["due": "2026-12-08"])],
                team: "payments"
            )
            let second = try await notifier(team).run(at: TestTeam.now)
            #expect(second.inboxed.isEmpty, "\(second.inboxed)")
            let items = try await team.store.inbox(team: "payments", person: "ana", unreadOnly: false, limit: 10)
            #expect(items.map(\.from) == ["lee"])
            #expect(items.first?.text.contains("due moved to Fri 4 Dec") == true, "\(items.map(\.text))")
        }
    }

    /// A team with no channel: a change made by the only person the loop affects reaches its owner
    /// only, and that told someone other than its author (as `--told ana` would), so the mark covers
    /// it and the doctor is quiet on every ledger; the owner's own change beside it told nobody, and
    /// stays untold.
    @Test func aChangeThatReachesOnlyTheOwnerIsMarkedToldAndTheOwnersOwnIsNot() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.append(
            [
                created(affects: ["lee"]),
                fact(.dueChanged, id: "l1", at: "2026-11-23T10:05:00Z", by: "lee", ["due": "2026-12-04"]),
            ],
            team: "payments"
        )
        #expect(try await findings(team).contains("uncommunicated-change"))
        let outcome = try await notifier(team).run(at: TestTeam.now)
        #expect(outcome.enqueued.isEmpty && outcome.inboxed == ["notice:l1@ana"], "\(outcome)")
        #expect(outcome.reported == ["pay-b1"])
        var loop = try #require(try await team.store.loop(team: "payments", key: "pay-b1", asOf: nil))
        #expect(loop.reports.map(\.covers) == [["l1"]])
        #expect(try await !findings(team).contains("uncommunicated-change"))

        // On a loop nobody else depends on, at medium stakes: lee's risk reaches ana, ana's own slip
        // reaches no one.
        _ = try await team.store.append(
            [
                created("pay-c", affects: []),
                fact(.risk, id: "l2", loop: "pay-c", at: "2026-11-23T10:05:00Z", by: "lee", ["note": "vendor"]),
                fact(.dueChanged, id: "a2", loop: "pay-c", at: "2026-11-23T10:10:00Z", ["due": "2026-12-08"]),
            ],
            team: "payments"
        )
        #expect(try await notifier(team).run(at: TestTeam.now).reported == ["pay-c"])
        loop = try #require(try await team.store.loop(team: "payments", key: "pay-c", asOf: nil))
        #expect(loop.reports.map(\.covers) == [["l2"]])
        #expect(loop.changes.first { $0.id == "a2" }.map(loop.wasTold) == false)
        #expect(try await findings(team).contains("uncommunicated-change"))
        #expect(try await notifier(team).run(at: TestTeam.now) == Notifier.Outcome())

        // Handed to a name nobody has on the server: an inbox no one reads tells no one.
        _ = try await team.store.append(
            [
                created("pay-z", affects: []),
                fact(.handedOff, id: "hz", loop: "pay-z", at: "2026-11-23T10:00:00Z", ["to": "zed"]),
                fact(.risk, id: "lz", loop: "pay-z", at: "2026-11-23T10:05:00Z", by: "lee", ["note": "vendor"]),
            ],
            team: "payments"
        )
        let nobody = try await notifier(team).run(at: TestTeam.now)
        #expect(nobody.inboxed.contains("notice:lz@zed") && nobody.reported.isEmpty, "\(nobody)")
    }

    /// Found by an audit: a loop that affects a team tells each of its people (an inbox named after
    /// the team nobody reads told no one, yet marked the change told); a name that is no one's on the
    /// server gets its item, but tells no one, and marks nothing.
    @Test func aChangeOnALoopThatAffectsATeamOrNobodyKnown() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.append(
            [
                created("pay-all", affects: ["payments"]),
                fact(.risk, id: "r1", loop: "pay-all", at: "2026-11-23T10:00:00Z", ["note": "vendor"]),
                created("pay-rel", affects: ["release-team"]),
                fact(.risk, id: "r2", loop: "pay-rel", at: "2026-11-23T10:00:00Z", ["note": "vendor"]),
            ],
            team: "payments"
        )
        let outcome = try await notifier(team).run(at: TestTeam.now)
        #expect(outcome.inboxed == ["notice:r1@lee", "notice:r1@raj", "notice:r2@release-team"], "\(outcome)")
        #expect(outcome.reported == ["pay-all"])
        let untold = try #require(try await team.store.loop(team: "payments", key: "pay-rel", asOf: nil))
        #expect(untold.reports.isEmpty && untold.changes.first.map(untold.wasTold) == false)
    }

    /// Found by an audit: an incident loop a person files (a postmortem) is a loop like any other, no
    /// monitor alert ("monitor: <its key>, down"); a block on a monitor's incident loop is a notice, as
    /// on any loop (no alert tells of it, and it reached nobody).
    @Test func aHandMadeIncidentIsALoopAndABlockOnAMonitorsIncidentIsANotice() async throws {
        try await withChannels { team in
            var postmortem = created("pay-pm", affects: ["lee"])
            postmortem.fields["kind"] = "incident"
            let monitor = try MonitorIncident(monitor: "nightly", owner: "ana", stakes: .medium, loop: "inc-n-1")
            var opened = monitor.created(.failed(exitStatus: 1), at: TestTeam.now, id: "i1", by: Notifier.actor)
            opened.at = Timestamp.parse("2026-11-23T09:00:00Z")!
            _ = try await team.store.append(
                [
                    postmortem,
                    fact(.blocked, id: "b1", loop: "pay-pm", at: "2026-11-23T10:00:00Z", ["reason": "vendor logs"]),
                    opened,
                    fact(
                        .blocked,
                        id: "b2",
                        loop: "inc-n-1",
                        at: "2026-11-23T10:00:00Z",
                        by: "lee",
                        ["reason": "vendor"]
                    ),
                ],
                team: "payments"
            )
            let outcome = try await notifier(team).run(at: TestTeam.now)
            #expect(!outcome.enqueued.contains { $0.hasPrefix("alert:c-pay-pm") || $0.hasPrefix("alert:b1") })
            #expect(outcome.enqueued.contains("alert:i1@hook"), "\(outcome.enqueued)")
            #expect(outcome.enqueued.contains("notice:b1@hook") && outcome.inboxed.contains("notice:b1@lee"))
            #expect(outcome.inboxed.contains("notice:b2@ana"), "\(outcome.inboxed)")
        }
    }

    /// The approval of a loop handed to a team answers each of its people but the approver (an
    /// inbox named after the team nobody reads had it).
    @Test func theApprovalOfALoopHandedToATeamReachesItsPeople() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.append(
            [
                created("pay-t", affects: [], autonomy: 2),
                fact(.handedOff, id: "h1", loop: "pay-t", at: "2026-11-23T10:00:00Z", ["to": "payments"]),
                fact(.approved, id: "a1", loop: "pay-t", at: "2026-11-23T11:00:00Z", by: "lee"),
            ],
            team: "payments"
        )
        let outcome = try await notifier(team).run(at: TestTeam.now)
        let answers = outcome.inboxed.filter { $0.hasPrefix("approved:") }
        #expect(answers == ["approved:a1@ana", "approved:a1@raj"], "\(outcome.inboxed)")
    }

    /// A change on a loop handed to a team reaches each of the team's people but whoever made it, as
    /// its hand-off did: it went to an inbox named after the team, which no one reads.
    @Test func aChangeOnALoopHandedToATeamReachesItsPeople() async throws {
        try await withChannels { team in
            _ = try await team.store.append(
                [
                    created("pay-t", affects: []),
                    fact(.handedOff, id: "h1", loop: "pay-t", at: "2026-11-23T12:00:00Z", ["to": "payments"]),
                    fact(.risk, id: "r1", loop: "pay-t", at: "2026-11-23T12:10:00Z", by: "lee", ["note": "flaky"]),
                ],
                team: "payments"
            )
            let outcome = try await notifier(team).run(at: TestTeam.now)
            let notices = outcome.inboxed.filter { $0.hasPrefix("notice:") }
            #expect(notices == ["notice:r1@ana", "notice:r1@raj"], "\(outcome.inboxed)")
            let teamsName = try await team.store.inbox(
                team: "payments",
                person: "payments",
                unreadOnly: false,
                limit: 10
            )
            #expect(teamsName.isEmpty)
        }
    }

    @Test func changesDatedAheadOfTheServerAreOneNotice() async throws {
        try await withChannels { team in
            _ = try await team.store.append(
                [
                    created(affects: ["lee"]),
                    fact(.risk, id: "r1", at: "2026-11-27T12:02:00Z", ["note": "the bank's sandbox is down"]),
                    fact(.dueChanged, id: "d1", at: "2026-11-27T12:04:00Z", ["due": "2026-12-04"]),
                ],
                team: "payments"
            )
            let outcome = try await notifier(team).run(at: TestTeam.now)
            #expect(outcome.enqueued == ["notice:r1@hook", "notice:r1@slack"])
            let inbox = try await team.store.inbox(team: "payments", person: "lee", unreadOnly: true, limit: 10)
            let text = inbox.first?.text ?? ""
            #expect(text.contains("the bank's sandbox is down") && text.contains("Fri 4 Dec"), "\(text)")
            #expect(try await notifier(team).run(at: TestTeam.now.addingTimeInterval(600)) == Notifier.Outcome())
        }
    }

    /// The mark of a notice is dated by the events it tells of, not the clock: a server restored from
    /// a backup, given the change again later, makes the same mark, which the ledgers that pulled the
    /// first one hold already (another instant under its id was a conflict in each of them).
    @Test func aNoticesMarkIsTheSameWheneverItIsMade() async throws {
        var marks: [Event] = []
        for later in [0.0, 3600] {
            try await withChannels { team in
                _ = try await team.store.append(
                    [
                        created(affects: ["lee"]),
                        fact(.risk, id: "r1", at: "2026-11-23T10:00:00Z", ["note": "the bank's sandbox is down"]),
                    ],
                    team: "payments"
                )
                _ = try await notifier(team).run(at: TestTeam.now.addingTimeInterval(later))
                let events = try await team.store.events(team: "payments", ofLoops: ["pay-b1"], since: nil, asOf: nil)
                marks += events.filter { $0.id.hasPrefix("notice-r1-") }
            }
        }
        #expect(marks.count == 2 && marks[0] == marks[1], "\(marks)")
        #expect(marks.first?.at == Timestamp.parse("2026-11-23T10:00:00Z"))
    }

    /// A change whose author names only themselves as told told no one: it is noticed.
    @Test func aChangeToldOnlyToItsAuthorIsNoticed() async throws {
        try await withChannels { team in
            _ = try await team.store.append(
                [
                    created(affects: ["lee"]),
                    fact(.risk, id: "r1", at: "2026-11-23T10:00:00Z", ["note": "late", "told": ["ana"]]),
                ],
                team: "payments"
            )
            let outcome = try await notifier(team).run(at: TestTeam.now)
            #expect(outcome.inboxed == ["notice:r1@lee"] && outcome.reported == ["pay-b1"], "\(outcome)")
        }
    }

    @Test func aChangeAlreadyReportedOrToldOrOnALowStakesLoopNobodyDependsOnSendsNothing() async throws {
        try await withChannels { team in
            _ = try await team.store.append(
                [
                    created("pay-low", affects: [], stakes: "low"),
                    fact(.dueChanged, id: "d1", loop: "pay-low", at: "2026-11-23T10:00:00Z", ["due": "2026-12-04"]),
                    created("pay-told", affects: ["lee"]),
                    fact(.risk, id: "r2", loop: "pay-told", at: "2026-11-23T10:00:00Z", ["note": "late"]),
                    fact(.reported, id: "m2", loop: "pay-told", at: "2026-11-23T10:05:00Z", ["channel": "notice"]),
                    created("pay-done", affects: ["lee"]),
                    fact(.risk, id: "r4", loop: "pay-done", at: "2026-11-23T10:00:00Z", ["note": "late"]),
                    fact(.done, id: "x4", loop: "pay-done", at: "2026-11-24T10:00:00Z", ["outcome": "shipped"]),
                    created("pay-said", affects: ["lee"]),
                    fact(
                        .risk,
                        id: "r3",
                        loop: "pay-said",
                        at: "2026-11-23T10:00:00Z",
                        ["note": "late", "told": ["lee"]]
                    ),
                ],
                team: "payments"
            )
            #expect(try await notifier(team).run(at: TestTeam.now) == Notifier.Outcome())
        }
    }

    /// A change recorded offline before the last notice, and pushed after it, was in no notice: it is
    /// news however old, noticed, and the doctor and the reports do not count it told until then. The
    /// notice's `reported` mark names what it told of.
    @Test func aChangeThatArrivesAfterANoticeDatedBeforeItIsNoticed() async throws {
        try await withChannels { team in
            _ = try await team.store.append(
                [created(affects: ["lee"]), fact(.risk, id: "r1", at: "2026-11-23T10:00:00Z", ["note": "vendor"])],
                team: "payments"
            )
            #expect(try await notifier(team).run(at: TestTeam.now).reported == ["pay-b1"])
            var loop = try #require(try await team.store.loop(team: "payments", key: "pay-b1", asOf: nil))
            let mark = try #require(loop.reports.first)
            #expect(mark.covers == ["r1"])
            // ana's slip, recorded offline at 09:30 on another machine, arrives after the notice.
            _ = try await team.store.append(
                [fact(.dueChanged, id: "d1", at: "2026-11-23T09:30:00Z", by: "ana", ["due": "2026-12-04"])],
                team: "payments"
            )
            loop = try #require(try await team.store.loop(team: "payments", key: "pay-b1", asOf: nil))
            #expect(loop.changes.first { $0.id == "d1" }.map(loop.wasTold) == false)
            #expect(try await findings(team).contains("uncommunicated-change"))
            let outcome = try await notifier(team).run(at: TestTeam.now)
            #expect(outcome.enqueued == ["notice:d1@hook", "notice:d1@slack"])
            #expect(try await !findings(team).contains("uncommunicated-change"))
            let bodies = try await team.store.outbox(team: "payments").map(\.message.body)
            #expect(bodies.count == 4)
            #expect(
                bodies.suffix(2).allSatisfy { $0.contains("2026-12-04") || $0.contains("4 Dec") },
                "\(bodies.suffix(2))"
            )
        }
    }

    /// A change followed by one that names who was told: the doctor counts the first told too
    /// (`Loop.wasTold`), and the notifier sends nothing for either.
    @Test func aChangeToldOfByALaterChangeSendsNothing() async throws {
        try await withChannels { team in
            _ = try await team.store.append(
                [
                    created(affects: ["lee"]),
                    fact(.risk, id: "r1", at: "2026-11-23T10:00:00Z", ["note": "budget freeze"]),
                    fact(.dueChanged, id: "d1", at: "2026-11-23T10:05:00Z", ["due": "2026-12-04", "told": ["lee"]]),
                ],
                team: "payments"
            )
            #expect(try await !findings(team).contains("uncommunicated-change"))
            #expect(try await notifier(team).run(at: TestTeam.now) == Notifier.Outcome())
        }
    }

    @Test func anotherTeamsEventsNeverReachThisTeamsChannels() async throws {
        try await withChannels { team in
            // search has a loop with the same key as one of payments': it is search's own loop.
            _ = try await team.store.append([created(affects: ["lee"])], team: "payments")
            _ = try await team.store.append(
                [
                    fact(
                        .created,
                        id: "s-c",
                        at: "2026-11-23T09:00:00Z",
                        by: "sam",
                        ["title": "Index", "affects": ["lee"]]
                    ),
                    fact(.risk, id: "s-r", at: "2026-11-23T10:00:00Z", by: "sam", ["note": "reindex slow"]),
                ],
                team: "search"
            )
            let outcome = try await notifier(team).run(at: TestTeam.now)
            #expect(outcome.enqueued == ["notice:s-r@hook"])
            #expect(try await team.store.outbox(team: "payments").isEmpty)
            #expect(try await team.store.inbox(team: "payments", person: "lee", unreadOnly: false, limit: 10).isEmpty)
            let searchLoop = try #require(try await team.store.loop(team: "search", key: "pay-b1", asOf: nil))
            #expect(searchLoop.reports.count == 1)
            let paymentsLoop = try #require(try await team.store.loop(team: "payments", key: "pay-b1", asOf: nil))
            #expect(paymentsLoop.reports.isEmpty)
        }
    }

    /// A monitor renamed while its incident is open: its alerts say the name it has now, as the
    /// server's notes on the loop do (the loop's origin, which they read, kept the name it was opened
    /// under); one removed since is named as its loop's origin names it.
    @Test func anIncidentsAlertsNameItsMonitorAsItIsCalledNow() async throws {
        try await withChannels { team in
            var monitor = try await team.store.addMonitor(
                MonitorRecord(
                    uuid: "0b6e2c4a-7f1d-4e3b-9a85-2c6d8e0f1a3b",
                    team: "payments",
                    name: "nightly-backup",
                    slug: "nightly-backup",
                    owner: "ana",
                    stakes: .low,
                    timeout: 86_400,
                    cron: nil,
                    grace: 3600,
                    createdAt: TestTeam.now
                )
            )
            let key = MonitorDriver.incidentKey(uuid: monitor.uuid, version: 2)
            func incident() throws -> MonitorIncident {
                try MonitorIncident(monitor: monitor.knownAs, owner: "ana", stakes: .low, loop: key)
            }
            func alerted() async throws -> [String] {
                try await team.store.outbox(team: "payments").filter {
                    $0.message.channel == "hook" && $0.message.dedupeKey.hasPrefix("alert:")
                }.map { try JSONParser.parse($0.message.body).objectValue?["monitor"]?.stringValue ?? "" }
            }
            let opened = try incident().created(
                .late(expected: Timestamp.parse("2026-11-27T02:00:00Z")!),
                at: TestTeam.now,
                id: "r1",
                by: Notifier.actor
            )
            _ = try await team.store.append([opened], team: "payments")
            _ = try await notifier(team).run(at: TestTeam.now)
            monitor.name = "Database backup"
            monitor = try #require(try await team.store.save(monitor, ping: nil, flips: []))
            let failing = try #require(
                try incident().event(
                    for: .noteFailure(.failed(exitStatus: 1), at: TestTeam.now.addingTimeInterval(600)),
                    id: "r2",
                    by: Notifier.actor
                )
            )
            _ = try await team.store.append([failing], team: "payments")
            _ = try await notifier(team).run(at: TestTeam.now.addingTimeInterval(600))
            #expect(try await alerted() == ["nightly-backup", "Database backup"])
            try await team.store.deleteMonitor(team: "payments", uuid: monitor.uuid)
            _ = try await team.store.append(
                [fact(.done, id: "r3", loop: key, at: "2026-11-27T16:20:00Z", ["outcome": "job retired"])],
                team: "payments"
            )
            _ = try await notifier(team).run(at: TestTeam.now.addingTimeInterval(1800))
            #expect(try await alerted() == ["nightly-backup", "Database backup", "nightly-backup"])
        }
    }

    /// An incident's ending or reopening undone is an alert, as the ending was: the channels heard
    /// it resolved, and not that it was open again. Any other undo on it says nothing there.
    @Test func anUndoneEndingOrReopeningOfAnIncidentIsAnAlert() async throws {
        try await withChannels { team in
            let incident = try MonitorIncident(monitor: "nightly-backup", owner: "ana", stakes: .low, loop: "inc-u1")
            let opened = incident.created(
                .late(expected: Timestamp.parse("2026-11-27T02:00:00Z")!),
                at: TestTeam.now,
                id: "u1",
                by: Notifier.actor
            )
            _ = try await team.store.append(
                [
                    opened,
                    fact(.noted, id: "u2", loop: "inc-u1", at: "2026-11-27T16:10:00Z", ["note": "looking"]),
                    fact(.retracted, id: "u3", loop: "inc-u1", at: "2026-11-27T16:11:00Z", ["retracts": "u2"]),
                    fact(.done, id: "u4", loop: "inc-u1", at: "2026-11-27T16:20:00Z", ["outcome": "disk swapped"]),
                    fact(.retracted, id: "u5", loop: "inc-u1", at: "2026-11-27T16:30:00Z", ["retracts": "u4"]),
                    fact(.dropped, id: "u6", loop: "inc-u1", at: "2026-11-27T16:40:00Z", ["reason": "job retired"]),
                    fact(.reopened, id: "u7", loop: "inc-u1", at: "2026-11-27T16:50:00Z", ["reason": "still needed"]),
                    fact(.retracted, id: "u8", loop: "inc-u1", at: "2026-11-27T17:00:00Z", ["retracts": "u7"]),
                ],
                team: "payments"
            )
            _ = try await notifier(team).run(at: TestTeam.now.addingTimeInterval(3600))
            let alerts = try await team.store.outbox(team: "payments").filter {
                $0.message.channel == "hook" && $0.message.dedupeKey.hasPrefix("alert:")
            }.map { message -> String in
                let body = try JSONParser.parse(message.message.body).objectValue ?? [:]
                return [message.message.dedupeKey, body["status"]?.stringValue, body["what"]?.stringValue]
                    .compactMap(\.self).joined(separator: " | ")
            }
            #expect(
                alerts == [
                    "alert:u1 | down | nightly-backup is down: no ping since it was expected at 2026-11-27T02:00:00Z",
                    "alert:u2 | note | looking",
                    "alert:u4 | resolved | inc-u1 is done: disk swapped",
                    "alert:u5 | reopened | inc-u1 is open again: ana undid its completion",
                    "alert:u6 | resolved | inc-u1 is dropped: job retired",
                    "alert:u7 | reopened | inc-u1 reopened: still needed",
                    "alert:u8 | resolved | inc-u1 is dropped again: ana undid its reopening",
                ],
                "\(alerts)"
            )
        }
    }

    @Test func eachEventOnAnIncidentLoopIsOneAlertNamingTheMonitorItsOwnerAndTheKey() async throws {
        try await withChannels { team in
            let incident = try MonitorIncident(
                monitor: "nightly-backup",
                owner: "ana",
                stakes: .high,
                loop: "inc-backup-1"
            )
            let events = [
                incident.created(
                    .late(expected: Timestamp.parse("2026-11-27T02:00:00Z")!),
                    at: TestTeam.now,
                    id: "i1",
                    by: "ana"
                ),
                try #require(
                    incident.event(
                        for: .noteRecovery(runDuration: 95, downFor: 3600, at: TestTeam.now.addingTimeInterval(3600)),
                        id: "i2",
                        // The server's note, as its monitors write it: a person's is a note whatever it says.
                        by: Notifier.actor
                    )
                ),
            ]
            _ = try await team.store.append(events, team: "payments")
            let outcome = try await notifier(team).run(at: TestTeam.now.addingTimeInterval(3600))
            // At high stakes the incident loop is proposed: the leads are asked once, after its first alert.
            #expect(
                outcome.enqueued == [
                    "alert:i1@hook", "alert:i1@slack", "approval:inc-backup-1@hook", "approval:inc-backup-1@slack",
                    "alert:i2@hook", "alert:i2@slack",
                ]
            )
            #expect(outcome.inboxed == ["approval:inc-backup-1@lee", "approval:inc-backup-1@raj"])
            // The server opened it: the request does not say its owner asked.
            let asked = try await team.store.inbox(team: "payments", person: "lee", unreadOnly: true, limit: 10)
            #expect(asked.first?.text.hasSuffix(": ana's incident waits for your approval") == true, "\(asked)")
            let hook = try await team.store.outbox(team: "payments").filter {
                $0.message.channel == "hook" && $0.message.dedupeKey.hasPrefix("alert:")
            }
            let first = try JSONParser.parse(hook[0].message.body).objectValue ?? [:]
            #expect(first["monitor"] == "nightly-backup" && first["owner"] == "ana" && first["loop"] == "inc-backup-1")
            #expect(first["status"] == "down")
            let second = try JSONParser.parse(hook[1].message.body).objectValue ?? [:]
            #expect(second["status"] == "up")
            // Alerts are not notices: the incident loop gets no `reported` mark.
            #expect(outcome.reported.isEmpty)
            #expect(try await notifier(team).run(at: TestTeam.now.addingTimeInterval(3600)) == Notifier.Outcome())

            // A lead's approval answers the owner, and a hand-off reaches its recipient, as on any
            // loop, beside their alerts.
            _ = try await team.store.append(
                [fact(.approved, id: "i3", loop: "inc-backup-1", at: "2026-11-27T13:10:00Z", by: "lee")],
                team: "payments"
            )
            let approved = try await notifier(team).run(at: TestTeam.now.addingTimeInterval(7200))
            #expect(approved.inboxed == ["approved:i3@ana"], "\(approved.inboxed)")
            #expect(approved.enqueued.contains("approved:i3@hook"), "\(approved.enqueued)")
            _ = try await team.store.append(
                [fact(.handedOff, id: "i4", loop: "inc-backup-1", at: "2026-11-27T13:20:00Z", ["to": "raj"])],
                team: "payments"
            )
            let handedOff = try await notifier(team).run(at: TestTeam.now.addingTimeInterval(7200))
            #expect(handedOff.inboxed == ["handoff:i4@raj"], "\(handedOff.inboxed)")
            // Ended or reopened by someone else: news to its owner, as on any loop (the alert went to
            // the team's channels only).
            _ = try await team.store.append(
                [
                    fact(.done, id: "i5", loop: "inc-backup-1", at: "2026-11-27T13:30:00Z", by: "lee"),
                    fact(.reopened, id: "i6", loop: "inc-backup-1", at: "2026-11-27T13:40:00Z", by: "lee"),
                ],
                team: "payments"
            )
            let ended = try await notifier(team).run(at: TestTeam.now.addingTimeInterval(7200))
            #expect(ended.inboxed == ["changed:i5@raj", "changed:i6@raj"], "\(ended.inboxed)")
            // Each alert says the state its event left: the done's `done`, though the reopen came in the
            // same pass (it said `open`, the state when it was posted).
            let alerts = try await team.store.outbox(team: "payments").filter {
                $0.message.channel == "hook" && ["alert:i5", "alert:i6"].contains($0.message.dedupeKey)
            }
            let states = try alerts.map { try JSONParser.parse($0.message.body).objectValue?["state"] }
            #expect(states == ["done", "open"], "\(alerts.map(\.message.body))")
        }
    }

    @Test func aProposedLoopAsksTheLeadsAndTheApprovalAnswersTheOwner() async throws {
        try await withChannels { team in
            _ = try await team.store.addChannel(
                Channel(
                    team: "payments",
                    name: "ana",
                    kind: .webhook,
                    url: "https://hooks.example.com/ana",
                    createdAt: TestTeam.now
                )
            )
            _ = try await team.store.append([created("pay-ask", affects: [], autonomy: 2)], team: "payments")
            let asked = try await notifier(team).run(at: TestTeam.now)
            #expect(asked.enqueued == ["approval:pay-ask@hook", "approval:pay-ask@slack"])
            #expect(asked.inboxed == ["approval:pay-ask@lee", "approval:pay-ask@raj"])

            // A note while it waits asks nobody again.
            _ = try await team.store.append(
                [fact(.noted, id: "n1", loop: "pay-ask", at: "2026-11-23T09:30:00Z", ["note": "spec attached"])],
                team: "payments"
            )
            #expect(try await notifier(team).run(at: TestTeam.now) == Notifier.Outcome())

            // Its owner's own approval (recorded offline after a hand-off to them, say) counts for
            // nothing: nobody is told it was approved.
            _ = try await team.store.append(
                [fact(.approved, id: "a0", loop: "pay-ask", at: "2026-11-23T10:00:00Z", by: "ana")],
                team: "payments"
            )
            #expect(try await notifier(team).run(at: TestTeam.now) == Notifier.Outcome())

            _ = try await team.store.append(
                [fact(.approved, id: "a1", loop: "pay-ask", at: "2026-11-23T11:00:00Z", by: "lee")],
                team: "payments"
            )
            let answered = try await notifier(team).run(at: TestTeam.now)
            #expect(answered.enqueued == ["approved:a1@ana"])
            #expect(answered.inboxed == ["approved:a1@ana"])
            let inbox = try await team.store.inbox(team: "payments", person: "ana", unreadOnly: true, limit: 10)
            #expect(inbox.first?.text == "pay-ask Refund webhook: approved by lee")
        }
    }

    /// A lead who hands off a loop that waits for approval is not asked to approve it: they made the
    /// request ("raj asks for your approval of ana's loop", from raj, in raj's inbox).
    @Test func theLeadWhoHandsOffAWaitingLoopIsNotAskedForItsApproval() async throws {
        try await withChannels { team in
            var made = created("pay-raj", affects: [], autonomy: 2)
            made.by = "raj"
            _ = try await team.store.append([made], team: "payments")
            #expect(try await notifier(team).run(at: TestTeam.now).inboxed == ["approval:pay-raj@lee"])
            _ = try await team.store.append(
                [fact(.handedOff, id: "h1", loop: "pay-raj", at: "2026-11-23T10:00:00Z", by: "raj", ["to": "ana"])],
                team: "payments"
            )
            let handed = try await notifier(team).run(at: TestTeam.now)
            #expect(!handed.inboxed.contains("approval:pay-raj@raj"), "\(handed.inboxed)")
        }
    }

    /// A loop approved before the notifier read it waits again when the approval is undone: the
    /// leads are asked, by its owner, who made it wait; not by the lead who undid it, who was left out
    /// as the asker (and the only lead, nobody was asked).
    @Test func anUndoneApprovalAsksTheLeadsForTheOwner() async throws {
        try await withChannels { team in
            _ = try await team.store.append(
                [
                    created("pay-undo", affects: [], autonomy: 2),
                    fact(.approved, id: "a1", loop: "pay-undo", at: "2026-11-23T10:00:00Z", by: "lee"),
                ],
                team: "payments"
            )
            let approved = try await notifier(team).run(at: TestTeam.now)
            #expect(!approved.inboxed.contains { $0.hasPrefix("approval:") }, "\(approved.inboxed)")
            _ = try await team.store.append(
                [
                    fact(
                        .retracted,
                        id: "u1",
                        loop: "pay-undo",
                        at: "2026-11-23T10:05:00Z",
                        by: "lee",
                        ["retracts": "a1"]
                    )
                ],
                team: "payments"
            )
            let undone = try await notifier(team).run(at: TestTeam.now)
            // A new wait, a new request: named after the undo (`ApprovalWait`).
            #expect(undone.inboxed == ["approval:pay-undo~u1@lee", "approval:pay-undo~u1@raj"], "\(undone.inboxed)")
            let asked = try await team.store.inbox(team: "payments", person: "lee", unreadOnly: true, limit: 10)
            #expect(asked.map(\.text) == ["pay-undo Refund webhook: ana asks for your approval"])
            let hook = try await team.store.outbox(team: "payments").filter { $0.message.channel == "hook" }
            #expect(hook.last?.message.body.contains("\"askedBy\":\"ana\"") == true, "\(hook.map(\.message.body))")
        }
    }

    /// Slack reads the payload's `text` (the notification) as mrkdwn, as it reads the blocks: a
    /// title holding `<!channel>` is escaped there too, and pings nobody.
    @Test func aTitleHoldingASlackMentionIsEscapedInTheNotificationText() async throws {
        try await withChannels { team in
            _ = try await team.store.append(
                [
                    fact(
                        .created,
                        id: "c-ping",
                        loop: "pay-ping",
                        at: "2026-11-23T09:00:00Z",
                        ["title": "<!channel> Refunds & <@U1>", "stakes": "high", "autonomy": 2]
                    )
                ],
                team: "payments"
            )
            _ = try await notifier(team).run(at: TestTeam.now)
            let slack = try #require(
                try await team.store.outbox(team: "payments").first { $0.message.channel == "slack" }
            )
            let payload = try #require(try JSONParser.parse(slack.message.body).objectValue)
            let text = try #require(payload["text"]?.stringValue)
            #expect(text.contains("&lt;!channel&gt; Refunds &amp; &lt;@U1&gt;"), "\(text)")
            #expect(!text.contains("<!channel>") && !text.contains("<@U1>"))
        }
    }

    /// A block is news like a change to plan: the notice says what blocks it, and the loop is marked reported.
    @Test func aBlockOnALoopThatAffectsSomeoneIsNoticedWithWhatBlocksIt() async throws {
        try await withChannels { team in
            _ = try await team.store.append(
                [
                    created(affects: ["lee"]),
                    // Recorded by kim, who works on ana's loop: the notice is from whoever recorded the change.
                    fact(
                        .blocked,
                        id: "b1",
                        at: "2026-11-24T10:00:00Z",
                        by: "kim",
                        ["reason": "waiting on the bank's keys"]
                    ),
                ],
                team: "payments"
            )
            let outcome = try await notifier(team).run(at: TestTeam.now)
            #expect(outcome.enqueued == ["notice:b1@hook", "notice:b1@slack"])
            // Lee, whom it affects, and ana, whose loop kim blocked.
            #expect(outcome.inboxed == ["notice:b1@lee", "notice:b1@ana"])
            #expect(outcome.reported == ["pay-b1"])
            let hook = try #require(
                try await team.store.outbox(team: "payments").first { $0.message.channel == "hook" }
            )
            let notice = try JSONParser.parse(hook.message.body).objectValue?["notice"]?.objectValue ?? [:]
            let change = notice["changes"]?.arrayValue?.first?.objectValue ?? [:]
            #expect(change["change"] == "blocked" && change["note"] == "waiting on the bank's keys")
            // Said once, as what changed, not again as what was done.
            #expect(notice["actions"] == .array([]))
            let inbox = try await team.store.inbox(team: "payments", person: "lee", unreadOnly: true, limit: 10)
            #expect(inbox.map(\.text) == ["pay-b1 Refund webhook: blocked: waiting on the bank's keys"])
            #expect(inbox.map(\.from) == ["kim"])
        }
    }

    /// A change nobody was told of on a live loop is news however old: someone back after two weeks
    /// offline pushes it now.
    @Test func anUntoldChangeOlderThanAWeekIsStillNoticed() async throws {
        try await withChannels { team in
            _ = try await team.store.append(
                [
                    created(affects: ["lee"], at: "2026-11-01T09:00:00Z"),
                    fact(.risk, id: "r-old", at: "2026-11-02T10:00:00Z", ["note": "two weeks ago"]),
                    fact(.dueChanged, id: "d-old", at: "2026-11-03T10:00:00Z", ["due": "2026-12-04"]),
                ],
                team: "payments"
            )
            let outcome = try await notifier(team).run(at: TestTeam.now)
            // Both changes, one notice.
            #expect(outcome.enqueued == ["notice:r-old@hook", "notice:r-old@slack"])
            #expect(outcome.reported == ["pay-b1"])
        }
    }

    /// Events pushed before the notifier ever read the team are not skipped: a new team is read from
    /// its first event.
    @Test func eventsPushedBeforeTheFirstLookAtANewTeamAreAnnounced() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.addChannel(
            Channel(
                team: "payments",
                name: "hook",
                kind: .webhook,
                url: "https://hooks.example.com/payments/hook",
                createdAt: TestTeam.now
            )
        )
        _ = try await team.store.append(
            [created(affects: ["lee"]), fact(.risk, id: "r1", at: "2026-11-27T11:59:59Z", ["note": "sandbox down"])],
            team: "payments"
        )
        #expect(try await team.store.notifiedSeq(team: "payments") == nil)
        let outcome = try await notifier(team).run(at: TestTeam.now)
        #expect(outcome.enqueued == ["notice:r1@hook"])
        #expect(outcome.inboxed == ["notice:r1@lee"])
        #expect(try await notifier(team).run(at: TestTeam.now) == Notifier.Outcome())
    }

    /// Handed to a team, a loop reaches each of that team's people in the loop's team, but not who
    /// handed it off; another team's people reach only those who are this team's too.
    @Test func aHandOffToATeamLandsInEachMembersInbox() async throws {
        try await withChannels { team in
            try await team.store.setPerson(try PersonSettings(name: "sam"), team: "payments")
            _ = try await team.store.append(
                [
                    created("pay-t", affects: [], stakes: "low"),
                    fact(.handedOff, id: "h1", loop: "pay-t", at: "2026-11-23T12:00:00Z", ["to": "payments"]),
                    created("pay-s", affects: [], stakes: "low"),
                    fact(
                        .handedOff,
                        id: "h2",
                        loop: "pay-s",
                        at: "2026-11-23T12:00:00Z",
                        ["to": "search", "note": "their index"]
                    ),
                ],
                team: "payments"
            )
            let outcome = try await notifier(team).run(at: TestTeam.now)
            #expect(outcome.inboxed == ["handoff:h1@lee", "handoff:h1@raj", "handoff:h1@sam", "handoff:h2@sam"])
            let inbox = try await team.store.inbox(team: "payments", person: "sam", unreadOnly: true, limit: 10)
            #expect(inbox.map(\.text).contains("pay-s Refund webhook: handed off to team search by ana: their index"))
            #expect(try await team.store.inbox(team: "search", person: "sam", unreadOnly: false, limit: 10).isEmpty)
        }
    }

    /// A loop someone else marks done, drops or reopens: its owner hears of it in their inbox (an
    /// owner's own do not land there); handed to a team, each of its people but whoever did it.
    @Test func someoneElseEndingOrReopeningALoopLandsInItsOwnersInbox() async throws {
        try await withChannels { team in
            try await team.store.setPerson(try PersonSettings(name: "sam"), team: "payments")
            _ = try await team.store.append(
                [
                    created("pay-d", affects: [], stakes: "low"),
                    fact(.done, id: "d1", loop: "pay-d", at: "2026-11-24T10:00:00Z", by: "raj", ["outcome": "shipped"]),
                    fact(.reopened, id: "o1", loop: "pay-d", at: "2026-11-24T11:00:00Z", ["reason": "not yet"]),
                    created("pay-x", affects: [], stakes: "low"),
                    fact(.dropped, id: "x1", loop: "pay-x", at: "2026-11-24T12:00:00Z", ["reason": "moot"]),
                    created("pay-t", affects: [], stakes: "low"),
                    fact(.handedOff, id: "h1", loop: "pay-t", at: "2026-11-24T12:00:00Z", ["to": "payments"]),
                    fact(.dropped, id: "x2", loop: "pay-t", at: "2026-11-24T13:00:00Z", by: "sam", ["reason": "dup"]),
                    // Undone by someone else, as news as the change was (an undone note is not).
                    created("pay-u", affects: [], stakes: "low"),
                    fact(.done, id: "u1", loop: "pay-u", at: "2026-11-24T14:00:00Z", by: "raj"),
                    fact(
                        .retracted,
                        id: "u2",
                        loop: "pay-u",
                        at: "2026-11-24T14:05:00Z",
                        by: "raj",
                        ["retracts": "u1"]
                    ),
                    fact(.noted, id: "u3", loop: "pay-u", at: "2026-11-24T14:10:00Z", by: "raj", ["note": "x"]),
                    fact(
                        .retracted,
                        id: "u4",
                        loop: "pay-u",
                        at: "2026-11-24T14:15:00Z",
                        by: "raj",
                        ["retracts": "u3"]
                    ),
                ],
                team: "payments"
            )
            let outcome = try await notifier(team).run(at: TestTeam.now)
            #expect(
                outcome.inboxed.filter { $0.hasPrefix("changed:") }
                    == [
                        "changed:d1@ana", "changed:x2@ana", "changed:x2@lee", "changed:x2@raj", "changed:u1@ana",
                        "changed:u2@ana",
                    ]
            )
            let inbox = try await team.store.inbox(team: "payments", person: "ana", unreadOnly: true, limit: 10)
            let texts = inbox.filter { $0.kind == .changed }.map(\.text).sorted()
            #expect(
                texts == [
                    "pay-d Refund webhook: marked done by raj (shipped)", "pay-t Refund webhook: dropped by sam: dup",
                    "pay-u Refund webhook: marked done by raj", "pay-u Refund webhook: raj undid its completion",
                ]
            )
        }
    }

    /// A hand-off passed on to someone else in the same push is history: only the last recipient hears.
    @Test func aHandOffPassedOnSinceReachesOnlyTheLastRecipient() async throws {
        try await withChannels { team in
            _ = try await team.store.append(
                [
                    created("pay-h", affects: [], stakes: "low"),
                    fact(.handedOff, id: "h1", loop: "pay-h", at: "2026-11-23T12:00:00Z", ["to": "lee"]),
                    fact(.handedOff, id: "h2", loop: "pay-h", at: "2026-11-23T13:00:00Z", by: "lee", ["to": "raj"]),
                ],
                team: "payments"
            )
            #expect(try await notifier(team).run(at: TestTeam.now).inboxed == ["handoff:h2@raj"])
        }
    }

    @Test func aHandOffLandsInTheRecipientsInbox() async throws {
        try await withChannels { team in
            _ = try await team.store.append(
                [
                    created("pay-h", affects: [], stakes: "low"),
                    fact(
                        .handedOff,
                        id: "h1",
                        loop: "pay-h",
                        at: "2026-11-23T12:00:00Z",
                        ["to": "lee", "note": "I am away"]
                    ),
                ],
                team: "payments"
            )
            let outcome = try await notifier(team).run(at: TestTeam.now)
            #expect(outcome.inboxed == ["handoff:h1@lee"])
            #expect(outcome.enqueued.isEmpty)
        }
    }
}

/// An inbox that refuses every item of one team, as a store refuses what it cannot file.
private struct InboxRefusing: InboxStore {
    let team: String
    let inner: any InboxStore

    struct Refused: Error, CustomStringConvertible {
        var description: String { "the store refused it" }
    }

    func notifiedSeq(team: String) async throws -> Int64? { try await inner.notifiedSeq(team: team) }
    func advanceNotified(team: String, to seq: Int64) async throws {
        try await inner.advanceNotified(team: team, to: seq)
    }
    func addToInbox(_ item: InboxItem) async throws -> Bool {
        if item.team == team { throw Refused() }
        return try await inner.addToInbox(item)
    }
    func inbox(team: String, person: String, unreadOnly: Bool, limit: Int) async throws -> [InboxItem] {
        try await inner.inbox(team: team, person: person, unreadOnly: unreadOnly, limit: limit)
    }
    func markRead(team: String, person: String, ids: [Int64]?, at: Date) async throws -> Int {
        try await inner.markRead(team: team, person: person, ids: ids, at: at)
    }
    func recordSkip(team: String, key: String, at: Date) async throws -> Bool {
        try await inner.recordSkip(team: team, key: key, at: at)
    }
    func skippedKeys(team: String) async throws -> Set<String> { try await inner.skippedKeys(team: team) }
}
