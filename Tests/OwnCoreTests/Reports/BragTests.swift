import Foundation
import OwnCore
import Testing

@Suite("Brag")
struct BragTests {
    static func brag(link: String? = "https://own.example/loops/{number}") -> Brag {
        Brag(
            owner: "alice",
            loops: ReportFixture.story.loops(at: ReportFixture.at("2026-11-30T12:00:00Z")),
            since: CivilDate(year: 2026, month: 11, day: 1),
            until: CivilDate(year: 2026, month: 11, day: 30),
            calendar: ReportFixture.berlin,
            linkTemplate: link
        )
    }

    @Test("Delivered work grouped by kind, highest stakes first")
    func groups() {
        let groups = Self.brag().groups
        #expect(
            groups.map { "\($0.kind.rawValue)/\($0.stakes.rawValue)" } == ["feature/high", "bug/medium", "other/low"]
        )
        #expect(groups[0].items.first?.facts["link"] == .string("https://own.example/loops/11"))
    }

    /// A key may hold spaces, parentheses, `/` or `#`: the link carries it percent-encoded, so it
    /// stays one URL in Markdown, Slack and JSON.
    @Test("A {key} link encodes the key")
    func keyLinksAreEncoded() throws {
        let lines = [
            #"{"id":"m0","loop":"db migration (v2)/#1","at":"2026-11-20T09:00:00Z","by":"alice","type":"created","title":"Migrate","owner":"alice"}"#,
            #"{"id":"m1","loop":"db migration (v2)/#1","at":"2026-11-24T09:00:00Z","by":"alice","type":"done"}"#,
        ]
        let loop = try #require(Loop.fold(try lines.map { try Event(jsonLine: $0, makeID: { "" }) }))
        let brag = Brag(
            owner: "alice",
            loops: [loop],
            since: CivilDate(year: 2026, month: 11, day: 1),
            until: CivilDate(year: 2026, month: 11, day: 30),
            calendar: ReportFixture.berlin,
            linkTemplate: "https://tracker.example/loops/{key}"
        )
        #expect(
            brag.groups.first?.items.first?.facts["link"]
                == .string("https://tracker.example/loops/db%20migration%20%28v2%29%2F%231")
        )
    }

    @Test("The window is inclusive and on the owner's calendar")
    func window() {
        let brag = Brag(
            owner: "alice",
            loops: ReportFixture.story.loops(at: ReportFixture.at("2026-11-30T12:00:00Z")),
            since: CivilDate(year: 2026, month: 11, day: 27),
            until: CivilDate(year: 2026, month: 11, day: 27),
            calendar: ReportFixture.berlin
        )
        #expect(brag.includedLoops == ["login-timeout"])
    }

    @Test("Markdown matches the golden file")
    func markdown() throws {
        try Golden.check(Report.brag(Self.brag()).rendered(as: .md), "brag.md")
    }
}
