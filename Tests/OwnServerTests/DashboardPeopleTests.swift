import Foundation
import HTTPTypes
import HummingbirdTesting
import OwnCore
import TeamStore
import Testing

@Suite("The dashboard's people: who the board lists, whose page there is, and what their page counts")
struct DashboardPeopleTests {
    /// zoe has settings on the server and no token yet: the team's messages count her as a person
    /// (her standup goes to her channel), and so does the board.
    @Test func theBoardListsSomeoneWithSettingsAndNoToken() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await team.store.setPerson(try PersonSettings(name: "zoe", zone: "Asia/Tokyo"), team: "payments")
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            let board = try await lee.get(client, "/teams/payments/")
            #expect(board.status == .ok)
            #expect(board.text.contains(#"<a href="/teams/payments/people/zoe">zoe</a>"#))
            #expect(board.text.contains("Local time: Fri 21:00 Asia/Tokyo"))
        }
    }

    /// A name beyond ASCII (or with a `/`) is linked encoded, and its page opens from that link.
    @Test func aPersonWhoseNameNeedsEncodingHasAPageTheBoardLinksTo() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        for name in ["zoë", "a/b"] {
            try await team.store.setPerson(try PersonSettings(name: name, zone: "Asia/Tokyo"), team: "payments")
        }
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            let board = try await lee.get(client, "/teams/payments/")
            for (name, path) in [("zoë", "zo%C3%AB"), ("a/b", "a%2Fb")] {
                #expect(board.text.contains(#"<a href="/teams/payments/people/\#(path)">\#(name)</a>"#), "\(name)")
                let page = try await lee.get(client, "/teams/payments/people/" + path)
                #expect(page.status == .ok, "\(name): \(page.status)")
            }
        }
    }

    /// ana handed a loop off to raj this week: it is raj's now, and the hand-off is ana's decision.
    /// Her weekly draft says so and her record counts it, as `own weekly` and the API's draft do.
    @Test func thePersonPageCountsTheLoopsTheyHandedOff() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.append(
            [
                event(.created, id: "c1", loop: "pay-ho1", at: "2026-11-24T09:00:00Z", ["title": "Payout retries"]),
                event(
                    .handedOff,
                    id: "h1",
                    loop: "pay-ho1",
                    at: "2026-11-25T10:00:00Z",
                    ["to": "raj", "note": "his service now"]
                ),
            ],
            team: "payments"
        )
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            let page = try await lee.get(client, "/teams/payments/people/ana")
            #expect(page.status == .ok)
            let weekly = try #require(page.text.range(of: "Weekly draft"))
            let record = try #require(page.text.range(of: "The last weeks"))
            let draft = page.text[weekly.upperBound..<record.lowerBound]
            #expect(draft.contains("pay-ho1 Payout retries - handed off to raj: his service now"), "\(draft)")
            // This week: nothing done, one handed off, nothing started.
            #expect(page.text.contains(#"<tr><th scope="row">2026-11-23</th><td>0</td><td>1</td><td>0</td></tr>"#))
            // And lists it among the loops that ended for her, as the record counts it.
            #expect(page.text.contains("<h3>handed off (1 since"), "\(page.text)")
            #expect(page.text.contains("pay-ho1"))

            let api = try await client.execute(
                uri: "/api/v1/reports/weekly?person=ana",
                method: .get,
                headers: team.auth("lee")
            )
            #expect(api.text.contains(#""decision":"handedOff","note":"his service now","to":"raj""#))
            // raj hands it on: ana's hand-off is still hers to report (the loop names raj as its delegator now).
            _ = try await team.store.append(
                [
                    event(
                        .handedOff,
                        id: "h2",
                        loop: "pay-ho1",
                        at: "2026-11-26T10:00:00Z",
                        by: "raj",
                        ["to": "kim", "note": "kim's area"]
                    )
                ],
                team: "payments"
            )
            let after = try await client.execute(
                uri: "/api/v1/reports/weekly?person=ana",
                method: .get,
                headers: team.auth("lee")
            )
            #expect(
                after.text.contains(#""decision":"handedOff","note":"his service now","to":"raj""#),
                "\(after.text)"
            )
            let again = try await lee.get(client, "/teams/payments/people/ana")
            #expect(again.text.contains("pay-ho1 Payout retries - handed off to raj: his service now"), "\(again.text)")
        }
    }

    /// ana started and finished a loop thirty seconds ago, within the page's minute: her record
    /// counts it as her lists show it, and her drafts tell it as the API's do, not a minute later.
    @Test func thePersonPagesRecordCountsWhatItsListsShowWithinTheMinute() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.append(
            [
                event(.created, id: "c1", loop: "pay-now", at: "2026-11-27T12:00:10Z", ["title": "Quick fix"]),
                event(.started, id: "s1", loop: "pay-now", at: "2026-11-27T12:00:20Z"),
                event(.done, id: "d1", loop: "pay-now", at: "2026-11-27T12:00:30Z", ["outcome": "shipped"]),
            ],
            team: "payments"
        )
        let now: @Sendable () -> Date = { Timestamp.parse("2026-11-27T12:00:50Z")! }
        try await team.withClient(now: now) { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            let page = try await lee.get(client, "/teams/payments/people/ana")
            #expect(page.status == .ok)
            #expect(page.text.contains("Quick fix"))
            // This week: one done, none dropped or handed off, one started.
            #expect(
                page.text.contains(#"<tr><th scope="row">2026-11-23</th><td>1</td><td>0</td><td>1</td></tr>"#),
                "\(page.text)"
            )
            let standup = try #require(page.text.range(of: "Standup draft"))
            let weekly = try #require(page.text.range(of: "Weekly draft"))
            let record = try #require(page.text.range(of: "The last weeks"))
            #expect(page.text[standup.upperBound..<weekly.lowerBound].contains("pay-now Quick fix"), "\(page.text)")
            #expect(page.text[weekly.upperBound..<record.lowerBound].contains("pay-now Quick fix"), "\(page.text)")
        }
    }

    /// A name the team has no settings, token or loops for has no page: 404, as any page that is
    /// not there. Someone with a token and nothing else, or only a revoked token, has one.
    @Test func aPersonTheTeamDoesNotHaveIs404() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        try await seedDashboard(team)
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            let nobody = try await lee.get(client, "/teams/payments/people/nobody")
            #expect(nobody.status == .notFound)
            #expect(nobody.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(nobody.text.contains("There is no such page."))
            #expect(!nobody.text.contains("Standup draft"))
            // sam is search's: payments does not have him.
            #expect(try await lee.get(client, "/teams/payments/people/sam").status == .notFound)
            for person in ["ana", "wall", "old", "raj"] {
                #expect(try await lee.get(client, "/teams/payments/people/" + person).status == .ok, "\(person)")
            }
        }
    }

    /// Someone with no settings and no token whose loops all ended before the record's four weeks
    /// has a page all the same, as the API's reports know them: it was 404 (only loops in those
    /// weeks counted).
    @Test func someoneWhoseLoopsEndedLongAgoHasAPage() async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.append(
            [
                event(.created, id: "z1", loop: "pay-zoe", at: "2026-09-01T09:00:00Z", by: "zoe", ["title": "Old"]),
                event(.done, id: "z2", loop: "pay-zoe", at: "2026-09-02T09:00:00Z", by: "zoe"),
            ],
            team: "payments"
        )
        try await team.withClient { client in
            var lee = Browser()
            _ = try await lee.signIn(client, token: team.tokens["lee"]!)
            let page = try await lee.get(client, "/teams/payments/people/zoe")
            #expect(page.status == .ok, "\(page.text.prefix(300))")
            #expect(try await lee.get(client, "/teams/payments/people/zoey").status == .notFound)
        }
    }
}
