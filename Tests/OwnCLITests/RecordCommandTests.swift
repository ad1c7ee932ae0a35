import Foundation
import OwnCore
import Testing

@Suite("own record and earned autonomy through own add")
struct RecordCommandTests {
    /// Ana keeps `kept` promises (due Friday 2026-11-06, done Thursday) and breaks `late` (done Monday
    /// after, noted Friday).
    static func ledger(kept: Int, late: Int) -> OwnBinary {
        let own = OwnBinary(now: "2026-11-30T12:00:00Z")
        for number in 1...(kept + late) {
            own.succeeds(
                "add",
                "Task \(number)",
                "--due",
                "2026-11-06",
                "--done-when",
                "done",
                "--now",
                "2026-11-02T09:00:00Z"
            )
            own.succeeds("note", String(number), "going", "--now", "2026-11-04T09:00:00Z")
            // A late one keeps talking until it is done: its silence would be going dark, a surprise too.
            if number > kept { own.succeeds("note", String(number), "nearly", "--now", "2026-11-06T09:00:00Z") }
            own.succeeds(
                "done",
                String(number),
                "--now",
                number <= kept ? "2026-11-05T10:00:00Z" : "2026-11-09T10:00:00Z"
            )
        }
        return own
    }

    func earnedOn(_ own: OwnBinary) throws {
        try FileManager.default.createDirectory(atPath: own.folder + "/config/own", withIntermediateDirectories: true)
        own.file("config/own/config.toml", "[policy]\nearned-autonomy = true\n")
    }

    @Test func theRecordNamesItsLoops() throws {
        let own = Self.ledger(kept: 2, late: 1)
        let run = own("record")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("Record of ana over 12 weeks (Sep 7 to Nov 30)\n"))
        // One week is a week; a window across a new year says its years.
        #expect(own("record", "--weeks", "1").stdout.hasPrefix("Record of ana over 1 week (Nov 23 to Nov 30)\n"))
        #expect(
            own("record", "--weeks", "1", "--now", "2027-01-03T00:00:00Z").stdout.hasPrefix(
                "Record of ana over 1 week (Dec 27 2026 to Jan 3 2027)\n"
            )
        )
        #expect(run.stdout.contains("  promises kept    2 of 3   #1 #2\n"))
        #expect(run.stdout.contains("  missed dates     1        #3\n"))
        #expect(run.stdout.contains("  #3 Task 3: missed dates, due Nov 6 passed with no new date\n"))
        let object = try #require(try JSONParser.parse(own("record", "--json").stdout).objectValue)
        #expect(object["promises"]?.numberValue == 3)
        #expect(object["kept"]?.arrayValue?.compactMap { $0.objectValue?["number"]?.numberValue } == [1, 2])
        #expect(object["missedDates"]?.arrayValue?.count == 1)
        #expect(own("record", "--weeks", "2").stdout.contains("promises kept    0 of 0"), "outside a 2-week window")
    }

    @Test func aStrongRecordEarnsOneMoreAutonomy() throws {
        let own = Self.ledger(kept: 10, late: 0)
        var run = own("add", "Migrate billing", "--stakes", "high", "--done-when", "done", "--due", "2026-12-18")
        #expect(run.stdout.contains("#11 proposed"), "off by default: high stakes need approval")
        try earnedOn(own)
        run = own("add", "Rotate keys", "--stakes", "high", "--done-when", "done", "--due", "2026-12-18")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(
            run.stdout
                == "#12 open: Rotate keys\n  autonomy 4 (high stakes 3, +1 earned: 10 of 10 kept, no surprises since Sep 7)\n"
        )
        #expect(own("export").stdout.contains(#""autonomy":4"#), "the earned autonomy is recorded on the loop")
    }

    /// The record's "new loops" lines judge the record over earned-window, as `own add` does, not
    /// over the --weeks it shows.
    @Test func theAutonomyTheRecordPredictsIsTheOneAddGives() throws {
        let own = Self.ledger(kept: 10, late: 0)
        try FileManager.default.createDirectory(atPath: own.folder + "/config/own", withIntermediateDirectories: true)
        own.file("config/own/config.toml", "[policy]\nearned-autonomy = true\nearned-window = 1\n")
        let predicted = own("record").stdout
        #expect(predicted.contains("  new loops: autonomy 3 (high stakes 3)\n"), "\(predicted)")
        // The same lines in the JSON, which had none of them.
        let json = try JSONParser.parse(own("record", "--json").stdout).objectValue ?? [:]
        let newLoops = json["newLoops"]?.arrayValue ?? []
        #expect(newLoops.count == 5, "\(json)")
        let high = newLoops.first { $0.objectValue?["stakes"] == "high" }?.objectValue ?? [:]
        #expect(high["autonomy"] == 3 && high["explanation"] == "autonomy 3 (high stakes 3)", "\(high)")
        // One person's record: none is no one, and the advice offers no `all`.
        let none = own("record", "--owner", "none")
        #expect(none.code == 2 && none.stderr.contains("give a person;") && !none.stderr.contains("or all"))
        let added = own("add", "Rotate keys", "--stakes", "high", "--done-when", "done", "--due", "2026-12-18")
        #expect(added.stdout.contains("autonomy 3 (high stakes 3)\n"), "\(added.stdout)")
    }

    @Test func nineIsBelowTheMinimumAndSurprisesCostOne() throws {
        let nine = Self.ledger(kept: 9, late: 0)
        try earnedOn(nine)
        #expect(
            nine("add", "Rotate keys", "--stakes", "high", "--done-when", "d", "--due", "2026-12-18").stdout.contains(
                "autonomy 3 (high stakes 3)\n"
            )
        )

        let late = Self.ledger(kept: 8, late: 2)
        try earnedOn(late)
        let run = late("add", "Small fix", "--done-when", "d", "--due", "2026-12-18")
        #expect(
            run.stdout.hasPrefix(
                "#11 proposed: Small fix\n  autonomy 3 (medium stakes 4, -1 earned: 2 surprises since Sep 7: #9, #10)\n"
            )
        )
        #expect(
            late("add", "Pinned", "--autonomy", "5", "--done-when", "d", "--due", "2026-12-18").stdout
                == "#12 open: Pinned\n"
        )
    }
}
