import Foundation
import OwnCore
import Testing

@Suite("Guards after dropped balls: own done --guard, own guard, no-guard, weekly and brag")
struct GuardCommandTests {
    /// An incident at high stakes (approved, so only no-guard speaks) and a medium loop done a day late.
    static func ledger() -> OwnBinary {
        let own = OwnBinary()
        own.succeeds(
            "add",
            "Fix the nightly export",
            "--kind",
            "incident",
            "--stakes",
            "high",
            "--due",
            "2026-11-25",
            "--done-when",
            "the export runs",
            "--now",
            "2026-11-23T09:00:00Z"
        )
        own.succeeds("approve", "1", "--by", "lee", "--now", "2026-11-23T09:10:00Z")
        own.succeeds(
            "add",
            "Invoice totals",
            "--due",
            "2026-11-24",
            "--done-when",
            "totals match",
            "--now",
            "2026-11-23T09:00:00Z"
        )
        return own
    }

    @Test func doneWithAGuardSatisfiesTheDoctor() throws {
        let own = Self.ledger()
        var run = own(
            "done",
            "1",
            "--verified",
            "--monitored-by",
            "export alert",
            "--guard",
            "nightly export alert",
            "--now",
            "2026-11-24T10:00:00Z"
        )
        #expect(run.code == 0, "\(run.stderr)")
        own.succeeds("done", "2", "--verified", "--now", "2026-11-24T16:59:00Z")
        run = own("doctor", "--json", "--now", "2026-11-27T12:00:00Z")
        let rules = try #require(try JSONParser.parse(run.stdout).arrayValue).compactMap {
            $0.objectValue?["rule"]?.stringValue
        }
        #expect(!rules.contains("no-guard"), "a guarded incident and a loop done on time need no guard: \(run.stdout)")
        #expect(
            own("show", "1").stdout.contains("done: verified; monitored by export alert; guard: nightly export alert")
        )
    }

    @Test func unguardedDropsAreFoundUntilAGuardIsRecorded() throws {
        let own = Self.ledger()
        own.succeeds("done", "1", "--verified", "--monitored-by", "export alert", "--now", "2026-11-24T10:00:00Z")
        own.succeeds("done", "2", "--verified", "--now", "2026-11-25T00:00:01Z")
        var run = own("doctor", "--now", "2026-11-27T12:00:00Z")
        #expect(run.stdout.contains("no-guard              #1 Fix the nightly export (ana)   incident at stakes high"))
        #expect(run.stdout.contains("done Nov 25, after its due date Nov 24, at stakes medium, closed with no guard"))

        run = own("guard", "1", "nightly export alert", "--now", "2026-11-27T13:00:00Z")
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout == "#1 guarded by nightly export alert: Fix the nightly export\n")
        own.succeeds("guard", "2", "invoice totals checked in CI", "--now", "2026-11-27T13:05:00Z")
        run = own("doctor", "--json", "--now", "2026-11-27T14:00:00Z")
        #expect(!run.stdout.contains("no-guard"), "\(run.stdout)")

        let weekly = own("weekly", "--now", "2026-11-27T16:00:00Z").stdout
        // A report names loops by key (read by others, whose ledgers number loops differently).
        let keys =
            try JSONParser.parse(own("list", "--all", "--json").stdout).arrayValue?
            .compactMap { $0.objectValue?["key"]?.stringValue } ?? []
        #expect(keys.count == 2)
        #expect(weekly.contains("Guards built\n  \(keys.first ?? "?") Fix the nightly export - nightly export alert\n"))
        #expect(weekly.contains("  \(keys.last ?? "?") Invoice totals - invoice totals checked in CI\n"))
        let object = try #require(
            try JSONParser.parse(own("weekly", "--json", "--now", "2026-11-27T16:00:00Z").stdout).objectValue
        )
        #expect(
            object["guards"]?.arrayValue?.compactMap { $0.objectValue?["guard"]?.stringValue } == [
                "nightly export alert", "invoice totals checked in CI",
            ]
        )
        let brag = own("brag", "--since", "2026-11-01", "--now", "2026-11-27T16:00:00Z").stdout
        #expect(brag.contains("Guards built: 2 (nightly export alert; invoice totals checked in CI)"))
        let lastWeek = own("weekly", "--now", "2026-12-04T16:00:00Z").stdout
        #expect(!lastWeek.contains("Guards built"), "only guards built in the window")
    }

    @Test func guardsRoundTripThroughExportAndImport() {
        let own = Self.ledger()
        own.succeeds(
            "done",
            "1",
            "--verified",
            "--monitored-by",
            "export alert",
            "--guard",
            "export alert",
            "--now",
            "2026-11-24T10:00:00Z"
        )
        own.succeeds("guard", "1", "row-count check", "--now", "2026-11-25T10:00:00Z")
        let exported = own("export").stdout
        #expect(exported.contains(#""type":"guarded","guard":"row-count check"}"#))
        #expect(exported.contains(#""guard":"export alert""#))
        let other = OwnBinary()
        #expect(other("import", other.file("in.jsonl", exported)).code == 0)
        #expect(other("export").stdout == exported)
        #expect(other("show", "1").stdout.contains("guarded: row-count check"))
        #expect(other("doctor", "--now", "2026-11-27T12:00:00Z").stdout.contains("no-guard") == false)
    }

    @Test func aGuardNeedsText() {
        let own = Self.ledger()
        var run = own("guard", "1", " ")
        #expect(run.code == 2)
        #expect(run.stderr == "own: the guard is blank; say something in it\n")
        run = own("done", "1", "--guard", "")
        #expect(run.code == 2)
        #expect(run.stderr == "own: --guard is blank; say something in it\n")
        run = own(
            "import",
            "-",
            stdin: #"{"id":"g","loop":"x","at":"2026-11-25T10:00:00Z","by":"ana","type":"guarded"}"#
        )
        #expect(run.code == 2)
        #expect(run.stderr.contains("a guarded event needs \"guard\""))
    }
}
