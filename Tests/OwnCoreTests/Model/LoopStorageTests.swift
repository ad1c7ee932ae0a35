import Foundation
import Testing

@testable import OwnCore

@Suite("A stored loop's members, in the one order its readings rely on")
struct LoopStorageTests {
    /// A loop with every member of the projection set.
    static func everyMember() -> Loop {
        let at = Date(timeIntervalSince1970: 1_795_000_000)
        var loop = Loop(
            created: Event(
                id: "e1",
                loop: "L1",
                at: at,
                by: "ana",
                type: .created,
                fields: ["title": "t", "owner": "bo", "doneWhen": "d", "due": "2026-12-01", "autonomy": 4]
            )
        )
        loop.number = 1
        (loop.stage, loop.affects, loop.estimateHours, loop.origin) = (.design, ["ops"], 2, "o")
        (loop.project, loop.tags, loop.ux, loop.touches, loop.ifItFails) = ("p", ["x"], "u", "c", "r")
        (loop.approvedAt, loop.approvedBy, loop.startedAt, loop.startedWithoutQuestions) = (at, "lee", at, true)
        (loop.blockedAt, loop.blockReason, loop.helpAskedAt, loop.helpAskedFrom) = (at, "b", at, "infra")
        (loop.doneAt, loop.outcome, loop.verified, loop.monitoredBy) = (at, "green", true, "an alert")
        (loop.closedAt, loop.closeReason, loop.handedOffTo, loop.delegatedBy) = (at, "c", "bo", "ana")
        (loop.handedOffAt, loop.acceptedAt, loop.actedBeforeApprovalAt, loop.lastProgressAt) = (at, at, at, at)
        (loop.ownedSince, loop.ownedFrom) = (at, "ana")
        loop.notes = ["n"]
        loop.reports = [Loop.Report(at: at, channel: .weekly, covers: nil)]
        loop.changes = [
            Loop.PlanChange(id: "e2", type: .risk, at: at, by: "bo", note: nil, told: [], value: nil)
        ]
        loop.guards = [Loop.Guard(at: at, by: "bo", text: "g")]
        return loop
    }

    /// `Loop.Reading.endsAt` stops a reading at the first member it does not need, which holds only
    /// because every body is written in `StoredMember`'s order: a member added to one and not the
    /// other, or in another place, fails here.
    @Test func theWriterWritesEveryMemberInTheReadersOrder() throws {
        var stored = Self.everyMember().storageJSON
        var names: [String] = []
        try stored.withUTF8 { bytes in
            var cursor = JSONParser.Cursor(bytes: bytes)
            try cursor.members(depth: 0) { name, value throws(JSONParser.Failure) in
                names.append(name)
                try value.skip(depth: 1)
            }
        }
        #expect(names == StoredMember.allCases.map(\.rawValue))
    }

    /// Where each reading stops (`endsAt`) is set apart from what it reads (`skips`): it must stop
    /// right after the last member it reads, in the stored order, or a member added to a reading would
    /// go unread without a word.
    @Test(arguments: [
        Loop.Reading.whole, .withoutNotes, .withoutNotesOrChangesBefore(Date(timeIntervalSince1970: 0)), .listing,
        .table,
    ])
    func aReadingStopsRightAfterTheLastMemberItReads(_ reading: Loop.Reading) throws {
        let members = StoredMember.allCases
        let last = try #require(members.lastIndex { !reading.skips($0) })
        for (position, member) in members.enumerated() {
            #expect(reading.endsAt(member) == (position > last), "\(member)")
        }
    }
}
