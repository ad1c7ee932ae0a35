import HTTPTypes
import HummingbirdTesting
import NIOCore
import OwnCore
import TeamStore
import Testing

/// Every route × every kind of caller: no token, a malformed header, a revoked or unknown token,
/// each role of the team, and a member of another team.
@Suite("Who may call which route")
struct AuthMatrixTests {
    /// A caller, as a header (nil: no Authorization at all).
    enum Caller: String, CaseIterable, CustomTestStringConvertible {
        case none, malformed, unknown, revoked, reader, member, lead, otherTeam
        var testDescription: String { rawValue }

        func headers(_ team: TestTeam) -> HTTPFields {
            switch self {
            case .none: [:]
            case .malformed: [.authorization: "Token " + (team.tokens["ana"] ?? "")]
            case .unknown: [.authorization: "Bearer own_0000"]
            case .revoked: team.auth("old")
            case .reader: team.auth("wall")
            case .member: team.auth("ana")
            case .lead: team.auth("lee")
            case .otherTeam: team.auth("sam")
            }
        }

        var person: String {
            switch self {
            case .reader: "wall"
            case .lead: "lee"
            case .otherTeam: "sam"
            default: "ana"
            }
        }
    }

    /// A route and the status each caller gets from it, on a team whose loop `pay-b1` ana created.
    struct Route: CustomTestStringConvertible, Sendable {
        let method: HTTPRequest.Method
        let path: String
        /// The body a caller sends (written as that caller's person).
        let body: (@Sendable (String) -> String)?
        /// The status for a caller of the team with each role; other callers are fixed by the rules.
        let reader: HTTPResponse.Status
        let member: HTTPResponse.Status
        let lead: HTTPResponse.Status
        /// What a member of another team gets: 404 for anything that names the team's data.
        let otherTeam: HTTPResponse.Status

        var testDescription: String { "\(method) \(path)" }
    }

    static let routes: [Route] =
        [
            Route(
                method: .get,
                path: "/api/v1/events?after=0",
                body: nil,
                reader: .ok,
                member: .ok,
                lead: .ok,
                otherTeam: .ok
            ),
            Route(
                method: .post,
                path: "/api/v1/events",
                // A loop of the caller's own: a note on pay-b1 from another team would name a loop that
                // team does not have, which the server refuses (409) whoever sends it.
                body: { person in
                    line(.created, id: "c-" + person, loop: "own-" + person, by: person, ["title": "Progress"])
                },
                reader: .forbidden,
                member: .ok,
                lead: .ok,
                otherTeam: .ok
            ),
        ] + ReadRoutesCatalogue.routes + InboxRoutesCatalogue.routes

    @Test(arguments: routes, Caller.allCases)
    func eachCallerGetsWhatItsRoleAllows(route: Route, caller: Caller) async throws {
        let team = try await TestTeam.make()
        defer { team.discard() }
        _ = try await team.store.append(
            [
                try Event(
                    jsonLine: line(.created, id: "c1", ["title": "Charge in euros", "stakes": "high"]),
                    makeID: { "" }
                ),
                // A risk, so the loop has a notice to draft.
                try Event(jsonLine: line(.risk, id: "r1", ["note": "the bank may be late"]), makeID: { "" }),
            ],
            team: "payments"
        )
        let expected: HTTPResponse.Status =
            switch caller {
            case .none, .malformed, .unknown, .revoked: .unauthorized
            case .reader: route.reader
            case .member: route.member
            case .lead: route.lead
            case .otherTeam: route.otherTeam
            }
        try await team.withClient { client in
            let response = try await client.execute(
                uri: route.path,
                method: route.method,
                headers: caller.headers(team),
                body: route.body.map { ByteBuffer(string: $0(caller.person) + "\n") }
            )
            #expect(response.status == expected, "\(response.text)")
            if response.status.code >= 400 {
                #expect(response.error != nil, "not a one-line JSON error: \(response.text)")
            }
            // RFC 9110 §11.6.1: a 401 names the scheme that would be accepted.
            #expect(
                (response.headers[.wwwAuthenticate] == "Bearer realm=\"own\"") == (response.status == .unauthorized)
            )
        }
        if caller == .otherTeam, route.method == .get, route.path.hasPrefix("/api/v1/events") {
            // Another team's pull is its own ledger: empty, never the payments team's events.
            try await team.withClient { client in
                let response = try await client.execute(uri: route.path, method: .get, headers: caller.headers(team))
                #expect(response.text.isEmpty)
            }
        }
    }
}
