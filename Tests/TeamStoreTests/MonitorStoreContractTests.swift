import Foundation
import OwnCore
import TeamStore
import Testing

private func instant(_ text: String) -> Date { Timestamp.parse(text)! }

private func monitor(
    _ slug: String,
    team: String = "payments",
    uuid: String = UUID().uuidString.lowercased()
) -> MonitorRecord {
    MonitorRecord(
        uuid: uuid,
        team: team,
        name: "Nightly \(slug)",
        slug: slug,
        owner: "kenji",
        stakes: .high,
        timeout: nil,
        cron: "0 2 * * *",
        timeZone: "Europe/Berlin",
        grace: 1800,
        maxRuntime: 3600,
        minRuntime: 60,
        failureTolerance: 2,
        parent: "db-primary-uuid",
        tags: ["prod", "export"],
        desc: "customer exports",
        createdAt: instant("2026-11-03T09:00:00Z")
    )
}

/// Runs `body` on a fresh store of `engine` with the teams `payments` and `search`.
private func withMonitorStore(_ engine: Engine, _ body: (any MonitorStore) async throws -> Void) async throws {
    let made = try await engine.make()
    do {
        _ = try await made.store.addTeam("payments", at: instant("2026-11-01T00:00:00Z"))
        _ = try await made.store.addTeam("search", at: instant("2026-11-02T00:00:00Z"))
        let store = try #require(made.store as? any MonitorStore)
        try await body(store)
    } catch {
        await made.discard()
        throw error
    }
    await made.discard()
}

/// The monitor part of the store contract, on every engine in `Engine.all`.
@Suite("The monitor store contract, on every engine")
struct MonitorStoreContractTests {
    @Test(arguments: Engine.all)
    func monitorsAreAddedOncePerSlugAndSeenOnlyByTheirTeam(engine: Engine) async throws {
        try await withMonitorStore(engine) { store in
            let added = try await store.addMonitor(monitor("export", uuid: "11111111-1111-4111-8111-111111111111"))
            #expect(added.version == 1)
            #expect(try await store.monitor(uuid: added.uuid) == added)
            #expect(try await store.monitor(team: "payments", slug: "export") == added)
            #expect(try await store.monitor(team: "search", slug: "export") == nil)
            #expect(try await store.monitors(team: "search").isEmpty)
            _ = try await store.addMonitor(monitor("drain"))
            #expect(try await store.monitors(team: "payments").map(\.slug) == ["drain", "export"])

            await #expect(throws: TeamStoreError.monitorExists(team: "payments", slug: "export")) {
                try await store.addMonitor(monitor("export"))
            }
            await #expect(throws: TeamStoreError.monitorExists(team: "search", slug: "other")) {
                try await store.addMonitor(monitor("other", team: "search", uuid: added.uuid))
            }
            await #expect(throws: TeamStoreError.unknownTeam("nobody")) {
                try await store.addMonitor(monitor("export", team: "nobody"))
            }
            // The same slug in another team is another monitor.
            _ = try await store.addMonitor(monitor("export", team: "search"))
            #expect(try await store.monitors(team: "payments").count == 2)
        }
    }

    @Test(arguments: Engine.all)
    func saveIsACompareAndSetThatKeepsEveryField(engine: Engine) async throws {
        try await withMonitorStore(engine) { store in
            var changed = try await store.addMonitor(monitor("export"))
            changed.name = "Customer export"
            changed.state.status = .down
            changed.state.lastPing = instant("2026-11-04T01:00:00Z")
            changed.state.lastStart = instant("2026-11-04T02:00:00Z")
            changed.state.lastStartRid = "rid-1"
            changed.state.lastDuration = 42.5
            changed.state.consecutiveFailures = 3
            changed.state.downSince = instant("2026-11-04T02:30:00Z")
            changed.state.parentDown = true
            changed.state.heldFailure = .tooLong(started: instant("2026-11-04T02:00:00Z"), maximum: 3600)
            changed.state.incidentOpen = true
            changed.incidentLoop = "export-k1"
            changed.nextDeadline = instant("2026-11-05T01:30:00Z")

            let saved = try #require(try await store.save(changed, ping: nil, flips: []))
            #expect(saved.version == 2)
            var expected = changed
            expected.version = 2
            #expect(saved == expected)
            #expect(try await store.monitor(uuid: changed.uuid) == expected)

            // A second writer that read version 1 loses, and writes nothing.
            var stale = changed
            stale.state.incidentOpen = false
            stale.incidentLoop = "export-k2"
            let lost = try await store.save(
                stale,
                ping: MonitorPingRecord(at: instant("2026-11-04T03:00:00Z"), kind: .success, method: "GET"),
                flips: [MonitorFlip(at: instant("2026-11-04T03:00:00Z"), from: .down, to: .up)]
            )
            #expect(lost == nil)
            #expect(try await store.monitor(uuid: changed.uuid) == expected)
            #expect(try await store.pings(team: "payments", uuid: changed.uuid, limit: 10).isEmpty)
            #expect(try await store.flips(team: "payments", uuid: changed.uuid, limit: 10).isEmpty)

            for failure: MonitorFailure in [
                .late(expected: instant("2026-11-04T02:00:00Z")), .failed(exitStatus: 7), .failed(exitStatus: nil),
                .tooShort(duration: 3.5, minimum: 60),
            ] {
                var next = try #require(try await store.monitor(uuid: changed.uuid))
                next.state.heldFailure = failure
                let stored = try #require(try await store.save(next, ping: nil, flips: []))
                #expect(try await store.monitor(uuid: changed.uuid)?.state.heldFailure == failure)
                #expect(stored.state.heldFailure == failure)
            }
        }
    }

    /// The group commit: changes saved together are each a compare-and-set of their own, their
    /// events are written in the same transaction, and a change that cannot be written takes the
    /// whole transaction with it.
    /// A change past its `notAfter` when the store is reached is left unwritten (nil, as a version that
    /// moved on), alone or beside one that is written, on its own or in a transaction with events.
    @Test(arguments: Engine.all)
    func aChangePastItsInstantIsNotWritten(engine: Engine) async throws {
        try await withMonitorStore(engine) { store in
            let export = try await store.addMonitor(monitor("export"))
            let drain = try await store.addMonitor(monitor("drain"))
            let at = instant("2026-11-04T02:00:00Z")
            var late = MonitorChange(monitor: export, pings: [MonitorPingRecord(at: at, kind: .fail, method: "GET")])
            late.notAfter = Date().addingTimeInterval(-1)
            let onTime = MonitorChange(
                monitor: drain,
                pings: [MonitorPingRecord(at: at, kind: .success, method: "GET")]
            )
            let saved = try await store.save([late, onTime])
            #expect(saved.first == .some(nil) && saved.last??.uuid == drain.uuid)
            #expect(try await store.pings(team: "payments", uuid: export.uuid, limit: 10).isEmpty)
            #expect(try await store.pings(team: "payments", uuid: drain.uuid, limit: 10).count == 1)
        }
    }

    @Test(arguments: Engine.all)
    func changesSavedTogetherEachCompareAndSetAndWriteTheirEventsInTheSameTransaction(engine: Engine) async throws {
        let made = try await engine.make()
        do {
            let store = try #require(made.store as? any TeamStore & MonitorStore)
            _ = try await store.addTeam("payments", at: instant("2026-11-01T00:00:00Z"))
            let export = try await store.addMonitor(monitor("export"))
            let drain = try await store.addMonitor(monitor("drain"))
            let movedOn = try #require(try await store.save(drain, ping: nil, flips: []))
            let at = instant("2026-11-04T02:00:00Z")
            func ping(_ seconds: TimeInterval, _ kind: MonitorPing.Kind) -> MonitorPingRecord {
                MonitorPingRecord(at: at.addingTimeInterval(seconds), kind: kind, method: "GET")
            }
            let created = Event(
                id: "monitor-export-3-1",
                loop: "inc-export-3",
                at: at,
                by: "own-server",
                type: .created,
                fields: ["title": .string("Nightly export is down"), "owner": .string("kenji")]
            )
            let drainCreated = Event(
                id: "monitor-drain-2-0",
                loop: "inc-drain-2",
                at: at,
                by: "own-server",
                type: .created,
                fields: ["title": .string("Nightly drain is down"), "owner": .string("kenji")]
            )
            var down = export
            down.state.status = .down
            down.incidentLoop = "inc-export-3"
            let flip = MonitorFlip(at: at, from: .new, to: .down)

            let results = try await store.save([
                MonitorChange(
                    monitor: down,
                    pings: [ping(0, .start), ping(1, .fail)],
                    flips: [flip],
                    events: [created],
                    steps: 2
                ),
                // Read before `movedOn` was saved: it loses, and nothing of it is written.
                MonitorChange(monitor: drain, pings: [ping(2, .success)], events: [drainCreated]),
            ])
            var expected = down
            expected.version = 3
            expected.lastPingNumber = 2
            #expect(results.count == 2)
            #expect(results[0] == expected)
            #expect(results[1] == nil)
            #expect(try await store.monitor(uuid: export.uuid) == expected)
            #expect(try await store.monitor(uuid: drain.uuid) == movedOn)
            #expect(
                try await store.pings(team: "payments", uuid: export.uuid, limit: 10).map(\.kind) == [.fail, .start]
            )
            #expect(try await store.pings(team: "payments", uuid: export.uuid, limit: 10).map(\.number) == [2, 1])
            #expect(try await store.pings(team: "payments", uuid: drain.uuid, limit: 10).isEmpty)
            #expect(try await store.flips(team: "payments", uuid: export.uuid, limit: 10) == [flip])
            #expect(
                try await store.loop(team: "payments", key: "inc-export-3", asOf: nil)?.title
                    == "Nightly export is down"
            )
            #expect(try await store.loop(team: "payments", key: "inc-drain-2", asOf: nil) == nil)
            #expect(try await store.lastSeq(team: "payments") == 1)

            // An event that cannot be written (its id holds another line) undoes every change with it.
            var conflicting = created
            conflicting.fields["title"] = .string("something else")
            await #expect(throws: TeamStoreError.conflictingEvent(id: created.id)) {
                try await store.save([
                    MonitorChange(monitor: movedOn, pings: [ping(3, .success)]),
                    MonitorChange(monitor: expected, events: [conflicting]),
                ])
            }
            #expect(try await store.monitor(uuid: drain.uuid) == movedOn)
            #expect(try await store.monitor(uuid: export.uuid) == expected)
            #expect(try await store.pings(team: "payments", uuid: drain.uuid, limit: 10).isEmpty)
            #expect(try await store.lastSeq(team: "payments") == 1)
        } catch {
            await made.discard()
            throw error
        }
        await made.discard()
    }

    /// Changes of one monitor saved together are applied in their order, each a compare-and-set on
    /// what the one before left.
    @Test(arguments: Engine.all)
    func changesOfOneMonitorSavedTogetherApplyInTheirOrder(engine: Engine) async throws {
        try await withMonitorStore(engine) { store in
            let added = try await store.addMonitor(monitor("export"))
            let at = instant("2026-11-04T02:00:00Z")
            var up = added
            up.version = 2
            up.state.status = .up
            up.state.lastPing = at.addingTimeInterval(1)
            let flip = MonitorFlip(at: at.addingTimeInterval(1), from: .new, to: .up)
            let results = try await store.save([
                MonitorChange(monitor: added, pings: [MonitorPingRecord(at: at, kind: .start, method: "GET")]),
                MonitorChange(
                    monitor: up,
                    pings: [MonitorPingRecord(at: at.addingTimeInterval(1), kind: .success, method: "GET")],
                    flips: [flip]
                ),
                // Read at version 1 like the first: by its turn the version has moved on.
                MonitorChange(
                    monitor: added,
                    pings: [MonitorPingRecord(at: at.addingTimeInterval(2), kind: .fail, method: "GET")]
                ),
            ])
            var expected = up
            expected.version = 3
            expected.lastPingNumber = 2
            #expect(results.map { $0?.version } == [2, 3, nil])
            #expect(results[1] == expected)
            #expect(try await store.monitor(uuid: added.uuid) == expected)
            let pings = try await store.pings(team: "payments", uuid: added.uuid, limit: 10)
            #expect(pings.map(\.kind) == [.success, .start])
            #expect(pings.map(\.number) == [2, 1])
            #expect(try await store.flips(team: "payments", uuid: added.uuid, limit: 10) == [flip])
        }
    }

    @Test(arguments: Engine.all)
    func aSlugAnotherMonitorUsesIsRefusedOnSave(engine: Engine) async throws {
        try await withMonitorStore(engine) { store in
            _ = try await store.addMonitor(monitor("export"))
            var drain = try await store.addMonitor(monitor("drain"))
            drain.slug = "export"
            await #expect(throws: TeamStoreError.monitorExists(team: "payments", slug: "export")) {
                try await store.save(drain, ping: nil, flips: [])
            }
            #expect(try await store.monitors(team: "payments").map(\.slug) == ["drain", "export"])
        }
    }

    /// A monitor's uuid is the secret in its ping URL, but a save names the team too: a change for
    /// another team's uuid is no monitor of that team, so it is not written and gives nil (as for a
    /// monitor that is gone), on every engine, while the rest of the batch is written.
    @Test(arguments: Engine.all)
    func aChangeForAnotherTeamsUuidIsNotWrittenAndGivesNil(engine: Engine) async throws {
        try await withMonitorStore(engine) { store in
            let export = try await store.addMonitor(monitor("export"))
            let search = try await store.addMonitor(monitor("reindex", team: "search"))
            var stranger = export
            stranger.team = "search"
            stranger.slug = "stranger"
            stranger.state.status = .down
            var reindex = search
            reindex.state.status = .up
            let ping = MonitorPingRecord(at: instant("2026-11-04T03:00:00Z"), kind: .success, method: "GET")
            let saved = try await store.save([
                MonitorChange(monitor: stranger, pings: [ping], flips: []),
                MonitorChange(monitor: reindex, pings: [ping], flips: []),
            ])
            #expect(saved.count == 2)
            #expect(saved[0] == nil)
            #expect(saved[1]?.version == 2)
            #expect(try await store.monitor(uuid: export.uuid) == export)
            #expect(try await store.pings(team: "payments", uuid: export.uuid, limit: 10).isEmpty)
            #expect(try await store.monitor(team: "search", slug: "stranger") == nil)
            #expect(try await store.monitor(uuid: search.uuid)?.state.status == .up)
        }
    }

    /// A monitor's children are read by their parent, in their team, without the team's other monitors.
    @Test(arguments: Engine.all)
    func childrenAreReadByTheirParentWithinTheirTeam(engine: Engine) async throws {
        try await withMonitorStore(engine) { store in
            let parent = "22222222-2222-4222-8222-222222222222"
            var first = monitor("drain")
            first.parent = parent
            var second = monitor("backup")
            second.parent = parent
            var orphan = monitor("export")
            orphan.parent = nil
            var elsewhere = monitor("drain", team: "search")
            elsewhere.parent = parent
            for added in [first, second, orphan, elsewhere] { _ = try await store.addMonitor(added) }
            #expect(
                try await store.monitors(team: "payments", parent: parent).map(\.slug) == ["backup", "drain"]
            )
            #expect(try await store.monitors(team: "search", parent: parent).map(\.slug) == ["drain"])
            #expect(try await store.monitors(team: "payments", parent: first.uuid).isEmpty)
        }
    }

    /// A create's `unique: ["name"]` reads the team's monitors of that name only, by slug.
    @Test(arguments: Engine.all)
    func monitorsAreReadByTheirNameWithinTheirTeam(engine: Engine) async throws {
        try await withMonitorStore(engine) { store in
            var first = monitor("drain")
            first.name = "Queue"
            var second = monitor("backup")
            second.name = "Queue"
            var other = monitor("export")
            other.name = "queue"
            var elsewhere = monitor("drain", team: "search")
            elsewhere.name = "Queue"
            for added in [first, second, other, elsewhere] { _ = try await store.addMonitor(added) }
            #expect(try await store.monitors(team: "payments", name: "Queue").map(\.slug) == ["backup", "drain"])
            #expect(try await store.monitors(team: "payments", name: "queue").map(\.slug) == ["export"])
            #expect(try await store.monitors(team: "search", name: "Queue").map(\.uuid) == [elsewhere.uuid])
            #expect(try await store.monitors(team: "payments", name: "Nobody").isEmpty)
        }
    }

    @Test(arguments: Engine.all)
    func pingsAreNumberedCutToTheBodyLimitAndOnlyTheLastAreKept(engine: Engine) async throws {
        try await withMonitorStore(engine) { store in
            var current = try await store.addMonitor(monitor("export"))
            let start = instant("2026-11-04T00:00:00Z")
            let total = Int(MonitorPingRecord.kept) + 5
            for index in 1...total {
                let kind: MonitorPing.Kind = index.isMultiple(of: 2) ? .exitStatus(index % 256) : .start
                let ping = MonitorPingRecord(
                    at: start.addingTimeInterval(Double(index)),
                    kind: kind,
                    rid: "rid-\(index)",
                    method: "POST",
                    remoteAddress: "127.0.0.1",
                    userAgent: "curl/8",
                    body: Data(repeating: UInt8(index % 256), count: index == total ? 20_000 : 3),
                    duration: index.isMultiple(of: 2) ? 1.5 : nil
                )
                current = try #require(try await store.save(current, ping: ping, flips: []))
                #expect(current.lastPingNumber == Int64(index))
            }
            let pings = try await store.pings(team: "payments", uuid: current.uuid, limit: 1000)
            #expect(pings.count == Int(MonitorPingRecord.kept))
            #expect(pings.first?.number == Int64(total))
            #expect(pings.last?.number == Int64(total) - MonitorPingRecord.kept + 1)
            let last = try #require(pings.first)
            #expect(last.body == Data(repeating: UInt8(total % 256), count: MonitorPingRecord.bodyLimit))
            #expect(last.kind == .start)
            #expect(last.rid == "rid-\(total)")
            #expect(last.userAgent == "curl/8")
            #expect(last.remoteAddress == "127.0.0.1")
            #expect(last.at == start.addingTimeInterval(Double(total)))
            #expect(pings[1].kind == .exitStatus((total - 1) % 256))
            #expect(pings[1].duration == 1.5)
            #expect(
                try await store.pings(team: "payments", uuid: current.uuid, limit: 3).map(\.number) == [105, 104, 103]
            )
            #expect(try await store.pings(team: "search", uuid: current.uuid, limit: 10).isEmpty)
        }
    }

    @Test(arguments: Engine.all)
    func flipsAreListedNewestFirstAndGoWithTheirMonitor(engine: Engine) async throws {
        try await withMonitorStore(engine) { store in
            let added = try await store.addMonitor(monitor("export"))
            let flips = [
                MonitorFlip(at: instant("2026-11-04T01:00:00Z"), from: .new, to: .up),
                MonitorFlip(at: instant("2026-11-04T04:00:00Z"), from: .up, to: .down),
            ]
            let saved = try #require(try await store.save(added, ping: nil, flips: flips))
            _ = try #require(
                try await store.save(
                    saved,
                    ping: nil,
                    flips: [MonitorFlip(at: instant("2026-11-04T05:00:00Z"), from: .down, to: .paused)]
                )
            )
            let listed = try await store.flips(team: "payments", uuid: added.uuid, limit: 10)
            #expect(listed.map(\.to) == [.paused, .down, .up])
            #expect(listed.last == flips[0])
            #expect(try await store.flips(team: "search", uuid: added.uuid, limit: 10).isEmpty)

            #expect(try await store.deleteMonitor(team: "search", uuid: added.uuid) == false)
            #expect(try await store.deleteMonitor(team: "payments", uuid: added.uuid))
            #expect(try await store.monitor(uuid: added.uuid) == nil)
            #expect(try await store.deleteMonitor(team: "payments", uuid: added.uuid) == false)
            // A monitor added again under the old uuid starts with no history.
            _ = try await store.addMonitor(monitor("export", uuid: added.uuid))
            #expect(try await store.flips(team: "payments", uuid: added.uuid, limit: 10).isEmpty)
        }
    }

    @Test(arguments: Engine.all)
    func dueMonitorsAreThoseAtOrPastTheirDeadlineEarliestFirst(engine: Engine) async throws {
        try await withMonitorStore(engine) { store in
            let deadlines: [(String, String, String?)] = [
                ("a", "payments", "2026-11-04T03:00:00Z"),
                ("b", "search", "2026-11-04T01:00:00Z"),
                ("c", "payments", "2026-11-04T02:00:00Z"),
                ("d", "payments", nil),
                ("e", "payments", "2026-11-04T02:00:01Z"),
            ]
            for (slug, team, deadline) in deadlines {
                var added = try await store.addMonitor(monitor(slug, team: team))
                added.nextDeadline = deadline.map(instant)
                _ = try #require(try await store.save(added, ping: nil, flips: []))
            }
            let due = try await store.dueMonitors(at: instant("2026-11-04T02:00:00Z"), limit: 10)
            #expect(due.map(\.slug) == ["b", "c"])
            #expect(due.map(\.team) == ["search", "payments"])
            #expect(
                try await store.dueMonitors(at: instant("2026-11-05T00:00:00Z"), limit: 3).map(\.slug) == [
                    "b", "c", "e",
                ]
            )
            #expect(try await store.dueMonitors(at: instant("2026-11-04T00:00:00Z"), limit: 10).isEmpty)
        }
    }

    @Test(arguments: Engine.all)
    func aDeadlineMovedLaterEarlierOrClearedIsFoundDueExactlyWhenItIs(engine: Engine) async throws {
        try await withMonitorStore(engine) { store in
            var monitor = try await store.addMonitor(monitor("export"))
            monitor.nextDeadline = instant("2026-11-04T01:00:00Z")
            monitor = try #require(try await store.save(monitor, ping: nil, flips: []))
            // Pinged: the deadline moves a day later; not due at the old deadline, due at the new.
            monitor.nextDeadline = instant("2026-11-05T01:00:00Z")
            monitor = try #require(try await store.save(monitor, ping: nil, flips: []))
            #expect(try await store.dueMonitors(at: instant("2026-11-04T01:00:00Z"), limit: 10).isEmpty)
            #expect(try await store.dueMonitors(at: instant("2026-11-04T12:00:00Z"), limit: 10).isEmpty)
            #expect(
                try await store.dueMonitors(at: instant("2026-11-05T01:00:00Z"), limit: 10).map(\.slug) == ["export"]
            )
            // The same monitor moved earlier again, then paused (no deadline).
            monitor.nextDeadline = instant("2026-11-04T06:00:00Z")
            monitor = try #require(try await store.save(monitor, ping: nil, flips: []))
            #expect(try await store.dueMonitors(at: instant("2026-11-04T05:59:59Z"), limit: 10).isEmpty)
            #expect(
                try await store.dueMonitors(at: instant("2026-11-04T06:00:00Z"), limit: 10).map(\.slug) == ["export"]
            )
            monitor.nextDeadline = nil
            _ = try #require(try await store.save(monitor, ping: nil, flips: []))
            #expect(try await store.dueMonitors(at: instant("2026-11-06T00:00:00Z"), limit: 10).isEmpty)
        }
    }

    @Test(arguments: Engine.all)
    func theStoredScheduleIsTheCoresSchedule(engine: Engine) async throws {
        try await withMonitorStore(engine) { store in
            let added = try await store.addMonitor(monitor("export"))
            let schedule = try added.schedule()
            #expect(schedule.grace == 1800)
            #expect(schedule.maxRuntime == 3600)
            #expect(schedule.failureTolerance == 2)
            #expect(
                schedule.nextExpected(after: instant("2026-11-04T00:00:00Z")) == instant("2026-11-04T01:00:00Z")
            )
            var bad = added
            bad.timeZone = "Mars/Olympus"
            #expect(throws: CoreError.self) { try bad.schedule() }
        }
    }
}
