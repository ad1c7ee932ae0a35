import Foundation
import OwnCore
import Testing

@testable import TeamStore

/// Both engines read their rows back through `StoredRows`: what they stored reads back as it was,
/// and a row that does not read is a damaged store, said as such.
struct StoredRowsTests {
    let created = Event(
        id: "e-1",
        loop: "pay-b1",
        at: Timestamp.parse("2026-11-02T09:00:00Z")!,
        by: "ana",
        type: .created,
        fields: ["title": .string("Retry failed refunds"), "owner": .string("ana"), "stakes": .string("high")]
    )

    @Test func aStoredLoopAndEventReadBackAsTheyWere() throws {
        let loop = try #require(Loop.fold([created]))
        #expect(try StoredRows.loop(loop.storageJSON) == loop)
        #expect(try StoredRows.event(created.jsonLine) == created)
    }

    @Test func aRowThatDoesNotReadIsADamagedStore() {
        let damagedLoop = TeamStoreError.storage(reason: "a stored loop cannot be read (the store is damaged)")
        let damagedEvent = TeamStoreError.storage(reason: "a stored event cannot be read (the store is damaged)")
        for body in ["", "{", "[]", "{\"title\": 3}"] {
            #expect(throws: damagedLoop) { try StoredRows.loop(body) }
        }
        for line in ["", "{", "[]", "{\"id\": \"e-1\"}"] {
            #expect(throws: damagedEvent) { try StoredRows.event(line) }
        }
    }
}
