import Foundation
import OwnCore
import Testing

@Suite("Calendar export")
struct CalendarExportTests {
    static let loops = ReportFixture.story.loops(at: ReportFixture.at("2026-11-30T12:00:00Z"))

    @Test("Live loops with a due date only: a VEVENT per day-due loop, CRLF line ends")
    func events() {
        let text = CalendarExport.render(Self.loops)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.hasSuffix("END:VCALENDAR\r\n"))
        // Billing export, Postgres, runbook and the quarterly report; done, dropped and undated loops are not.
        #expect(text.components(separatedBy: "BEGIN:VEVENT").count - 1 == 4)
        #expect(text.contains("UID:billing-export@own.loops\r\n"))
        #expect(text.contains("DTSTART;VALUE=DATE:20261204\r\nDTEND;VALUE=DATE:20261205\r\n"))
        #expect(!text.contains("login-timeout"))
        // Swift reads "\r\n" as one character, so look at the bytes: every LF follows a CR.
        let bytes = Array(text.utf8)
        #expect(bytes.indices.allSatisfy { bytes[$0] != 0x0A || ($0 > 0 && bytes[$0 - 1] == 0x0D) })
        #expect(bytes.filter { $0 == 0x0A }.count > 10)
    }

    @Test("A loop due at an instant is a VTODO with a DUE in UTC")
    func todo() throws {
        var fixture = ReportFixture()
        fixture.add(
            "call",
            "2026-11-20T09:00:00Z",
            .created,
            ["title": "Call the bank", "due": "2026-12-01T14:30:00+01:00"]
        )
        let text = CalendarExport.render(fixture.loops(at: ReportFixture.at("2026-11-21T00:00:00Z")))
        #expect(text.contains("BEGIN:VTODO\r\n"))
        #expect(text.contains("DUE:20261201T133000Z\r\n"))
        #expect(text.contains("STATUS:NEEDS-ACTION\r\n"))
    }

    @Test(
        "TEXT values are escaped",
        arguments: [("a;b,c\\d", "a\\;b\\,c\\\\d"), ("two\nlines", "two\\nlines")]
    )
    func escaping(raw: String, escaped: String) {
        var fixture = ReportFixture()
        fixture.add("x", "2026-11-20T09:00:00Z", .created, ["title": raw, "due": "2026-12-01"])
        let text = CalendarExport.render(fixture.loops(at: ReportFixture.at("2026-11-21T00:00:00Z")))
        #expect(text.contains("SUMMARY:#1 \(escaped)\r\n"))
    }

    @Test("Lines over 75 octets fold, never inside a character")
    func folding() {
        var fixture = ReportFixture()
        let title = String(repeating: "Überprüfung ", count: 12)
        fixture.add("x", "2026-11-20T09:00:00Z", .created, ["title": title, "due": "2026-12-01"])
        let text = CalendarExport.render(fixture.loops(at: ReportFixture.at("2026-11-21T00:00:00Z")))
        for line in text.components(separatedBy: "\r\n") {
            #expect(line.utf8.count <= 75)
        }
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("SUMMARY:#1 " + title.replacingOccurrences(of: ",", with: "\\,")))
    }
}
