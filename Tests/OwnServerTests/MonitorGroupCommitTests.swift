import Foundation
import HTTPTypes
import HummingbirdTesting
import OwnCore
import OwnServer
import TeamStore
import Testing

/// The group commit of pings: pings saved together, in one transaction, give each ping the result it
/// gets when the pings are saved one after another, and each one that got a 200 is stored once.
@Suite("Pings saved together get the results of pings saved one by one")
struct MonitorGroupCommitTests {
    static let single = "aaaaaaaa-1111-4111-8111-111111111111"
    static let batched = "bbbbbbbb-2222-4222-8222-222222222222"
    static let t0 = TestTeam.now

    static func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    /// Every hour, ten minutes' grace, a run shorter than five seconds fails.
    static func add(_ team: TestTeam, uuid: String, slug: String) async throws {
        _ = try await team.store.addMonitor(
            MonitorRecord(
                uuid: uuid,
                team: "payments",
                name: "Nightly export",
                slug: slug,
                owner: "ana",
                stakes: .high,
                timeout: 3600,
                cron: nil,
                grace: 600,
                minRuntime: 5,
                createdAt: t0
            )
        )
    }

    /// A day of one job: up, a run too short (down, an incident), a log, a good run (up, a note),
    /// a failure and an exit status while the incident is open (notes).
    static let pings: [(kind: MonitorPing.Kind, at: Date, rid: String?)] = [
        (.success, at(0), nil), (.start, at(100), "r1"), (.exitStatus(0), at(102), "r1"), (.log, at(110), nil),
        (.start, at(200), "r2"), (.success, at(260), "r2"), (.fail, at(300), nil), (.exitStatus(3), at(310), nil),
    ]

    static func request(
        _ uuid: String,
        _ ping: (kind: MonitorPing.Kind, at: Date, rid: String?)
    ) -> MonitorDriver.Request {
        let record = MonitorPingRecord(at: ping.at, kind: ping.kind, rid: ping.rid, method: "GET")
        return MonitorDriver.Request(uuid: uuid, ping: record) { _ in
            .ping(MonitorPing(ping.kind, rid: ping.rid), at: ping.at)
        }
    }

    /// The batched monitor's text as the single one's: its uuid, key prefix and slug swapped back.
    static func asSingle(_ text: String?) -> String? {
        text?.replacingOccurrences(of: batched, with: single).replacingOccurrences(of: "bbbbbbbb", with: "aaaaaaaa")
            .replacingOccurrences(of: "second-copy", with: "first-copy")
            .replacingOccurrences(
                of: MonitorDriver.incidentKey(uuid: batched, version: 0).dropLast(2),
                with: MonitorDriver.incidentKey(uuid: single, version: 0).dropLast(2)
            )
            .replacingOccurrences(
                of: MonitorDriver.eventID(uuid: batched, version: 0, index: 0).prefix(24),
                with: MonitorDriver.eventID(uuid: single, version: 0, index: 0).prefix(24)
            )
    }

    /// Events in one second fold by id: a monitor's event ids sort in the order of its saves, and of
    /// the events within one (version 10 after version 9, not before it as text).
    @Test func incidentEventIdsSortInTheOrderOfTheSaves() {
        let ids = [(9, 0), (9, 1), (10, 0), (10, 2), (100, 0)].map {
            MonitorDriver.eventID(uuid: Self.single, version: Int64($0.0), index: $0.1)
        }
        #expect(ids.sorted() == ids, "\(ids)")
    }

    /// A ping past its `notAfter` (its sender was answered 503 while the store was out of reach) is
    /// not stored when the save comes back, nor one whose save reaches the store after it: a retried
    /// ping counted twice and tripped the failure tolerance. The one before it in the batch is kept.
    @Test func aPingPastItsDeadlineIsNotStored() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await Self.add(team, uuid: Self.single, slug: "first-copy")
        let driver = MonitorDriver(store: team.store)
        var late = Self.request(Self.single, (.fail, Self.at(10), nil))
        late.notAfter = Date().addingTimeInterval(-1)
        let kept = Self.request(Self.single, (.success, Self.at(5), nil))
        let results = await driver.apply([kept, late])
        #expect(try results[0].get() != nil)
        #expect(try results[1].get() == nil)
        let stored = try await team.store.pings(team: "payments", uuid: Self.single, limit: 10)
        #expect(stored.map(\.kind) == [.success], "\(stored)")
        // A store reached only after the instant leaves the change unwritten, as a version moved on.
        let monitor = try #require(try await team.store.monitor(uuid: Self.single))
        var change = MonitorChange(
            monitor: monitor,
            pings: [MonitorPingRecord(at: Self.at(20), kind: .fail, method: "GET")]
        )
        change.notAfter = Date().addingTimeInterval(-1)
        #expect(try await team.store.save([change]) == [nil])
        #expect(try await team.store.pings(team: "payments", uuid: Self.single, limit: 10).count == 1)
    }

    @Test func aBatchGivesEachPingTheResultOfSavingThemOneAfterAnother() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await Self.add(team, uuid: Self.single, slug: "first-copy")
        try await Self.add(team, uuid: Self.batched, slug: "second-copy")
        let driver = MonitorDriver(store: team.store)
        var oneByOne: [MonitorDriver.Outcome] = []
        for ping in Self.pings {
            oneByOne.append(try #require(try await driver.apply([Self.request(Self.single, ping)])[0].get()))
        }
        let together = try await driver.apply(Self.pings.map { Self.request(Self.batched, $0) }).map {
            try #require(try $0.get())
        }

        #expect(together.map(\.actions) == oneByOne.map(\.actions))
        #expect(together.map(\.monitor.state) == oneByOne.map(\.monitor.state))
        #expect(together.map(\.monitor.version) == oneByOne.map(\.monitor.version))
        #expect(together.map(\.monitor.nextDeadline) == oneByOne.map(\.monitor.nextDeadline))
        #expect(together.map { Self.asSingle($0.monitor.incidentLoop) } == oneByOne.map(\.monitor.incidentLoop))
        #expect(
            together.map { $0.events.map { Self.asSingle($0.jsonLine) } } == oneByOne.map { $0.events.map(\.jsonLine) }
        )
        // The day opened one incident and wrote notes on it.
        #expect(oneByOne.flatMap(\.events).map(\.type) == [.created, .noted, .noted, .noted])

        let single = try #require(try await team.store.monitor(uuid: Self.single))
        let batched = try #require(try await team.store.monitor(uuid: Self.batched))
        #expect(batched.version == single.version)
        #expect(batched.lastPingNumber == single.lastPingNumber)
        #expect(batched.state == single.state)
        #expect(Self.asSingle(batched.incidentLoop) == single.incidentLoop)
        let storedSingle = try await team.store.pings(team: "payments", uuid: Self.single, limit: 100)
        let storedBatched = try await team.store.pings(team: "payments", uuid: Self.batched, limit: 100)
        #expect(storedBatched == storedSingle)
        #expect(storedSingle.map(\.number) == Array((1...8).reversed()))
        #expect(
            try await team.store.flips(team: "payments", uuid: Self.batched, limit: 100)
                == team.store.flips(team: "payments", uuid: Self.single, limit: 100)
        )
        let lines = try await team.store.events(team: "payments", after: 0, limit: 100).map(\.line)
        #expect(lines.count == 8)
        #expect(Set(lines.compactMap(Self.asSingle)).count == 4)
    }

    /// A writer keeps the monitors it saved, but one another writer saved since (here: the start of a
    /// run) fails its compare-and-set and is read again, so the finish is applied to the start.
    @Test func aMonitorAnotherWriterSavedSinceIsReadAgain() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await Self.add(team, uuid: Self.single, slug: "first-copy")
        let driver = MonitorDriver(store: team.store)
        var known: [String: MonitorRecord] = [:]
        _ = try #require(try await driver.apply([Self.request(Self.single, Self.pings[0])], known: &known)[0].get())
        #expect(known[Self.single]?.version == 2)
        _ = try #require(
            try await MonitorDriver(store: team.store).apply([Self.request(Self.single, Self.pings[1])])[0].get()
        )

        // The finish of the run the other writer started: two seconds, shorter than the minimum.
        let finish = try #require(
            try await driver.apply([Self.request(Self.single, Self.pings[2])], known: &known)[0].get()
        )
        #expect(finish.monitor.version == 4)
        #expect(finish.monitor.state.lastDuration == 2)
        #expect(finish.monitor.state.status == .down)
        #expect(finish.events.map(\.type) == [.created])
        let stored = try #require(try await team.store.monitor(uuid: Self.single))
        #expect(known[Self.single] == stored)
        #expect(stored.lastPingNumber == 3)
    }

    @Test func manyPingsAtOnceAreEachStoredOnceInOrderOfTheirNumbers() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await Self.add(team, uuid: Self.single, slug: "first-copy")
        try await Self.add(team, uuid: Self.batched, slug: "second-copy")
        let count = 60
        try await team.withClient { client in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<count {
                    let uuid = index.isMultiple(of: 2) ? Self.single : Self.batched
                    group.addTask { Int(try await client.execute(uri: "/ping/\(uuid)", method: .get).status.code) }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: count))
        }
        for uuid in [Self.single, Self.batched] {
            let monitor = try #require(try await team.store.monitor(uuid: uuid))
            #expect(monitor.lastPingNumber == Int64(count / 2))
            #expect(monitor.version == 1 + Int64(count / 2))
            let numbers = try await team.store.pings(team: "payments", uuid: uuid, limit: 100).map(\.number)
            #expect(numbers == Array((1...Int64(count / 2)).reversed()))
        }
    }

    /// Pings of many monitors at once go down several queues, a monitor always down the same one:
    /// each ping that got a 200 is stored once, and each monitor's pings are numbered without a gap.
    @Test func pingsOfManyMonitorsAtOnceAreEachStoredOnceWithoutAGap() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        let uuids = (0..<8).map { String(format: "cccccccc-3333-4333-8333-%012d", $0) }
        for (index, uuid) in uuids.enumerated() { try await Self.add(team, uuid: uuid, slug: "job-\(index)") }
        let rounds = 12
        try await team.withClient { client in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for round in 0..<rounds {
                    for uuid in uuids {
                        let path = round.isMultiple(of: 3) ? "/ping/\(uuid)/start" : "/ping/\(uuid)"
                        group.addTask { Int(try await client.execute(uri: path, method: .get).status.code) }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: rounds * uuids.count))
        }
        for uuid in uuids {
            let monitor = try #require(try await team.store.monitor(uuid: uuid))
            #expect(monitor.lastPingNumber == Int64(rounds))
            #expect(monitor.version == 1 + Int64(rounds))
            let numbers = try await team.store.pings(team: "payments", uuid: uuid, limit: 100).map(\.number)
            #expect(numbers == Array((1...Int64(rounds)).reversed()))
        }
    }
}
