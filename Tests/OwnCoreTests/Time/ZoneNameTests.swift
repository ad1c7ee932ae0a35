import Foundation
import OwnCore
import Testing

@Suite("Time zones by their IANA names")
struct ZoneNameTests {
    /// IANA's names are taken, the fixed-offset zones of its database (Etc/GMT+5 is UTC-05:00) and the
    /// abbreviations that are zones of it too among them.
    @Test(arguments: [
        ("UTC", 0), ("Europe/Berlin", 3600), ("America/New_York", -18_000), ("Etc/GMT+5", -18_000),
        ("Etc/GMT-5", 18_000), ("CET", 3600), ("Asia/Kolkata", 19_800),
    ])
    func anIANANameIsItsZone(name: String, secondsInJanuary: Int) throws {
        let zone = try ZoneName.zone(name).get()
        #expect(zone.secondsFromGMT(for: instant("2026-01-15T12:00:00Z")) == secondsInJanuary)
    }

    /// An offset (which Foundation reads with the sign IANA reverses), an abbreviation with no summer
    /// time, and a name that is none are refused, each saying what to give instead.
    @Test(arguments: [
        ("GMT+5", "an offset, not a zone (IANA writes UTC+5 as Etc/GMT-5, its sign reversed)"),
        ("utc-3", "an offset, not a zone (IANA writes UTC-3 as Etc/GMT+3, its sign reversed)"),
        ("UTC-03:30", "an offset, not a zone; name the place"),
        ("PST", "an abbreviation, with no summer time; name the place, such as America/Los_Angeles"),
        ("EST", "an abbreviation, with no summer time; name the place, such as America/New_York"),
        ("MST", "an abbreviation, with no summer time; name the place, such as America/Phoenix"),
        ("Mars/Olympus", "no IANA time zone; use a name such as UTC or Europe/Berlin"),
    ])
    func anythingElseIsRefusedSayingWhy(name: String, reason: String) {
        switch ZoneName.zone(name) {
        case .success(let zone): Issue.record("\(name) read as \(zone.identifier)")
        case .failure(let refusal):
            #expect(refusal.description.hasPrefix("unknown time zone \"\(name)\": it is \(reason)"), "\(refusal)")
        }
    }
}
