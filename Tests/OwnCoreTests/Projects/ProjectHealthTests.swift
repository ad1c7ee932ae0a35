import Foundation
import OwnCore
import Testing

@Suite("Project health: on track, at risk, off track, with reasons")
struct ProjectHealthTests {
    /// A loop of project "billing", noted at `noted`, due `due`, with an estimate.
    func loop(
        _ key: String,
        due: String = "2026-12-11",
        hours: Double? = nil,
        noted: String = "2026-11-30T09:00:00Z"
    )
        -> Loop
    {
        var fields: EventFields = ["project": "billing", "due": .string(due)]
        if let hours { fields["estimateHours"] = .number(hours) }
        return folded(
            created("2026-11-30T09:00:00Z", loop: key, fields),
            event(.noted, noted, loop: key, ["note": "going"])
        )
    }

    func health(_ loops: [Loop], at now: String = "2026-11-30T10:00:00Z") -> ProjectHealth {
        ProjectHealth(name: "billing", loops: loops, policy: .defaults, calendars: Calendars(), now: instant(now))
    }

    @Test(arguments: [
        ("2026-12-11T23:59:59Z", ProjectHealth.Status.onTrack), ("2026-12-12T00:00:00Z", .offTrack),
        ("2026-12-12T00:00:01Z", .offTrack),
    ])
    func overdueIsOffTrack(now: String, status: ProjectHealth.Status) {
        let project = health([loop("L1", noted: "2026-12-11T16:00:00Z")], at: now)
        #expect(project.status == status)
        if status == .offTrack { #expect(project.reasons == ["L1 overdue (was due Dec 11)"]) }
    }

    @Test func estimateAgainstCapacity() {
        // From Monday Nov 30 10:00 to the end of Friday Dec 11: 9 working days and 7 hours = 9.875 days, 59.25 h at 6 h/day.
        #expect(health([loop("L1", hours: 47)]).status == .onTrack)
        #expect(health([loop("L1", hours: 48)]).status == .atRisk)
        #expect(health([loop("L1", hours: 59)]).status == .atRisk)
        let over = health([loop("L1", hours: 60)])
        #expect(over.status == .offTrack)
        // The capacity rounded down, as the estimate is rounded up: 59.25 h read as 59.3, and a 59.26 h
        // estimate (over it) read "59.3 h left, 59.3 h of capacity".
        #expect(over.reasons == ["60 h estimated left, 59.2 h of capacity to Dec 11"])
        let just = health([loop("L1", hours: 59.26)])
        #expect(just.status == .offTrack && just.reasons == ["59.3 h estimated left, 59.2 h of capacity to Dec 11"])
        #expect(just.json.objectValue?["capacityHours"] == .number(59.25))
    }

    /// The capacity's deadline is said on its owner's calendar, as the loop's own line says it.
    @Test func theCapacitysDeadlineIsSaidInItsOwnersZone() {
        let project = ProjectHealth(
            name: "billing",
            loops: [loop("L1", due: "2026-12-11T23:30:00Z", hours: 500)],
            policy: .defaults,
            calendars: teamCalendars(),
            now: instant("2026-11-30T10:00:00Z")
        )
        #expect(project.reasons.contains { $0.hasSuffix("of capacity to Dec 12 00:30") }, "\(project.reasons)")
    }

    @Test func goingDarkAndBlockedAloneAreRisks() {
        let dark = health([loop("L1")], at: "2026-12-03T10:01:00Z")
        #expect(dark.status == .atRisk)
        #expect(dark.reasons.first?.hasPrefix("L1 silent") == true)
        var blocked = loop("L2")
        blocked.apply(event(.blocked, "2026-11-30T10:00:00Z", loop: "L2", ["reason": "no access"]))
        #expect(health([blocked], at: "2026-12-01T10:00:00Z").status == .onTrack, "exactly one working day")
        #expect(health([blocked], at: "2026-12-01T10:01:00Z").status == .atRisk)
        blocked.apply(event(.helpAsked, "2026-12-01T09:00:00Z", loop: "L2", ["from": "lee"]))
        #expect(health([blocked], at: "2026-12-01T10:01:00Z").status == .onTrack)
    }

    @Test func onTrackSaysSo() {
        let project = health([loop("L1", hours: 10)])
        #expect(project.reasons == ["1 live loop: none overdue, blocked alone or dark; 10 h estimated left of 59.2 h"])
        // With no due date there is no capacity to weigh the estimates against: "500 h left of 0 h".
        let undated = Loop.fold([
            Event(
                id: "c5",
                loop: "L5",
                at: instant("2026-11-30T09:00:00Z"),
                by: "ana",
                type: .created,
                fields: ["title": "Undated", "project": "billing", "estimateHours": 500]
            )
        ])!
        #expect(
            health([undated]).reasons == [
                "1 live loop: none overdue, blocked alone or dark; 500 h estimated left, and no due date to weigh it against"
            ]
        )
        let all = ProjectHealth.all(
            in: [loop("L1"), folded(created("2026-11-30T09:00:00Z", loop: "L9"))],
            policy: .defaults,
            calendars: Calendars(),
            now: instant("2026-11-30T10:00:00Z")
        )
        #expect(all.map(\.name) == ["billing"], "loops without a project are in none")
    }
}
