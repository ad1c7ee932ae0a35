import Foundation
import OwnCore
import TeamStore
import Testing

/// The people part of the team store contract, on every engine in `Engine.all`.
@Suite("People's settings in the team store, on every engine")
struct PeopleStoreContractTests {
    private func withStore(_ engine: Engine, _ body: (any TeamStore) async throws -> Void) async throws {
        let made = try await engine.make()
        do {
            _ = try await made.store.addTeam("payments", at: Date(timeIntervalSince1970: 1_790_000_000))
            _ = try await made.store.addTeam("search", at: Date(timeIntervalSince1970: 1_790_000_000))
            try await body(made.store)
        } catch {
            await made.discard()
            throw error
        }
        await made.discard()
    }

    @Test(arguments: Engine.all)
    func settingsAreSetReplacedAndListedPerTeam(engine: Engine) async throws {
        try await withStore(engine) { store in
            #expect(try await store.people(team: "payments").isEmpty)
            let ana = try PersonSettings(
                name: "ana",
                zone: "Europe/Berlin",
                workdays: "Mon-Fri",
                hours: "09:00-17:30",
                policy: ["capacity": "4", "dark-after.high": "2"]
            )
            try await store.setPerson(ana, team: "payments")
            try await store.setPerson(try PersonSettings(name: "lee", zone: "Asia/Tokyo"), team: "payments")
            #expect(
                try await store.people(team: "payments") == [ana, try PersonSettings(name: "lee", zone: "Asia/Tokyo")]
            )
            #expect(try await store.people(team: "search").isEmpty)

            let moved = try PersonSettings(name: "ana", zone: "America/New_York", hours: "08:00-16:00")
            try await store.setPerson(moved, team: "payments")
            #expect(try await store.person("ana", team: "payments") == moved)
            #expect(try await store.people(team: "payments").count == 2)

            let calendar = try #require(try await store.person("ana", team: "payments")).calendar()
            #expect(calendar.zone.identifier == "America/New_York")
            #expect(calendar.startMinute == 8 * 60 && calendar.endMinute == 16 * 60)
        }
    }

    /// A person's settings removed, in their team only; none to remove is false, not an error.
    @Test(arguments: Engine.all)
    func aPersonIsRemovedFromTheirTeamOnly(engine: Engine) async throws {
        try await withStore(engine) { store in
            try await store.setPerson(try PersonSettings(name: "erin", zone: "Europe/Berlin"), team: "payments")
            try await store.setPerson(try PersonSettings(name: "erin"), team: "search")
            #expect(try await store.removePerson("erin", team: "payments"))
            #expect(try await store.person("erin", team: "payments") == nil)
            #expect(try await store.person("erin", team: "search") != nil)
            #expect(try await !store.removePerson("erin", team: "payments"))
            #expect(try await !store.isPerson("erin", team: "payments"))
            await #expect(throws: TeamStoreError.unknownTeam("nope")) {
                try await store.removePerson("erin", team: "nope")
            }
        }
    }

    @Test(arguments: Engine.all)
    func anUnknownTeamIsRefused(engine: Engine) async throws {
        try await withStore(engine) { store in
            await #expect(throws: TeamStoreError.unknownTeam("nope")) {
                try await store.setPerson(try PersonSettings(name: "ana"), team: "nope")
            }
            await #expect(throws: TeamStoreError.unknownTeam("nope")) { try await store.people(team: "nope") }
        }
    }

    @Test(arguments: Engine.all)
    func theStampMovesWithEventsAndSettingsOfItsTeamOnly(engine: Engine) async throws {
        try await withStore(engine) { store in
            #expect(try await store.stamp(team: "payments") == TeamStamp(lastSeq: 0, people: []))
            let created = Event(
                id: "e1",
                loop: "pay-b1",
                at: Date(timeIntervalSince1970: 1_790_000_000),
                by: "ana",
                type: .created,
                fields: ["title": "Charge in euros"]
            )
            _ = try await store.append([created], team: "payments")
            #expect(try await store.stamp(team: "payments") == TeamStamp(lastSeq: 1, people: []))
            let ana = try PersonSettings(name: "ana", zone: "Europe/Berlin")
            let lee = try PersonSettings(name: "lee", zone: "Asia/Tokyo")
            try await store.setPerson(lee, team: "payments")
            try await store.setPerson(ana, team: "payments")
            #expect(try await store.stamp(team: "payments") == TeamStamp(lastSeq: 1, people: [ana, lee]))
            #expect(try await store.stamp(team: "search") == TeamStamp(lastSeq: 0, people: []))
            await #expect(throws: TeamStoreError.unknownTeam("nope")) { try await store.stamp(team: "nope") }
        }
    }

    @Test(arguments: Engine.all)
    func aTokenIsReadWithItsTeamsStampRevokedOrNot(engine: Engine) async throws {
        try await withStore(engine) { store in
            let at = Date(timeIntervalSince1970: 1_790_000_000)
            func add(_ id: String, _ team: String, _ person: String) async throws -> (TokenRecord, String) {
                let secret = TokenSecret.generate()
                let record = TokenRecord(id: id, team: team, person: person, role: .member, createdAt: at)
                _ = try await store.addToken(NewToken(record: record, hash: TokenSecret.hash(secret)))
                return (record, TokenSecret.hash(secret))
            }
            let (ana, anaHash) = try await add("tok-ana", "payments", "ana")
            let (raj, rajHash) = try await add("tok-raj", "search", "raj")
            #expect(try await store.tokenAndStamp(hash: TokenSecret.hash("no such secret")) == nil)
            var found = try #require(try await store.tokenAndStamp(hash: anaHash))
            #expect(found.token == ana && found.stamp == TeamStamp(lastSeq: 0, people: []))

            let created = Event(id: "e1", loop: "pay-b1", at: at, by: "ana", type: .created, fields: ["title": "T"])
            _ = try await store.append([created], team: "payments")
            let lee = try PersonSettings(name: "lee", zone: "Asia/Tokyo")
            let ben = try PersonSettings(name: "ben", policy: ["capacity": "4"])
            try await store.setPerson(lee, team: "payments")
            try await store.setPerson(ben, team: "payments")
            found = try #require(try await store.tokenAndStamp(hash: anaHash))
            #expect(found.stamp == TeamStamp(lastSeq: 1, people: [ben, lee]))
            #expect(found.stamp == (try await store.stamp(team: "payments")))
            // Another team's token carries its own team's stamp, nothing of this one.
            found = try #require(try await store.tokenAndStamp(hash: rajHash))
            #expect(found.token == raj && found.stamp == TeamStamp(lastSeq: 0, people: []))

            try await store.revokeToken(id: "tok-ana", at: at)
            found = try #require(try await store.tokenAndStamp(hash: anaHash))
            #expect(found.token.revokedAt == at && found.stamp.lastSeq == 1)
        }
    }

    @Test(arguments: Engine.all)
    func signInsAtTheSameTimeEachFindTheirOwnTokenAndTeam(engine: Engine) async throws {
        try await withStore(engine) { store in
            let at = Date(timeIntervalSince1970: 1_790_000_000)
            var expected: [String: TokenRecord?] = [TokenSecret.hash("no such secret"): nil]
            for (id, team, person) in [
                ("tok-ana", "payments", "ana"), ("tok-raj", "search", "raj"), ("tok-ben", "payments", "ben"),
            ] {
                let hash = TokenSecret.hash(TokenSecret.generate())
                let record = TokenRecord(id: id, team: team, person: person, role: .member, createdAt: at)
                _ = try await store.addToken(NewToken(record: record, hash: hash))
                expected[hash] = record
            }
            try await store.setPerson(try PersonSettings(name: "lee", zone: "Asia/Tokyo"), team: "payments")
            _ = try await store.append(
                [Event(id: "e1", loop: "src-b1", at: at, by: "raj", type: .created, fields: ["title": "T"])],
                team: "search"
            )
            let stamps = [
                "payments": try await store.stamp(team: "payments"), "search": try await store.stamp(team: "search"),
            ]
            // Many at once, so that PostgreSQL's reads gather several hashes, the same one often.
            let asked = (0..<64).map { Array(expected.keys.sorted())[$0 % expected.count] }
            let found = try await withThrowingTaskGroup(of: (String, TokenRecord?, TeamStamp?).self) { group in
                for hash in asked {
                    group.addTask {
                        let found = try await store.tokenAndStamp(hash: hash)
                        return (hash, found?.token, found?.stamp)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(found.count == asked.count)
            for (hash, token, stamp) in found {
                #expect(token == expected[hash] ?? nil)
                #expect(stamp == token.flatMap { stamps[$0.team] })
            }
        }
    }

    @Test
    func badSettingsAreRefusedBeforeAnythingIsStored() throws {
        #expect(throws: TeamStoreError.self) { try PersonSettings(name: "ana", zone: "Mars/Olympus") }
        #expect(throws: TeamStoreError.self) { try PersonSettings(name: "ana", hours: "17:00-09:00") }
        #expect(throws: TeamStoreError.self) { try PersonSettings(name: "ana", workdays: "Funday") }
        #expect(throws: TeamStoreError.self) { try PersonSettings(name: "ana", policy: ["no-such-key": "1"]) }
        #expect(throws: TeamStoreError.self) { try PersonSettings(name: "two words") }
        do {
            _ = try PersonSettings(name: "ana", zone: "Mars/Olympus")
        } catch {
            let message = "\(error)"
            #expect(message.contains("Mars/Olympus") && message.hasSuffix("nothing was written"))
            #expect(!message.contains("\n"))
        }
    }

    @Test
    func policyOverridesApplyOverTheBase() throws {
        let ana = try PersonSettings(name: "ana", policy: ["capacity": "4"])
        #expect(try ana.policy(over: .defaults).capacity == 4)
        #expect(Policy.defaults.capacity != 4)
    }
}
