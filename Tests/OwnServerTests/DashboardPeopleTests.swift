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
}
