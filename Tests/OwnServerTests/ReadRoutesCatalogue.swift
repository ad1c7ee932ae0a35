import HTTPTypes

/// The read routes, for the matrix: every role of the team reads; another team's member sees its
/// own (empty) team, and a loop of this team is 404 to it.
enum ReadRoutesCatalogue {
    static let routes: [AuthMatrixTests.Route] = [
        .init(method: .get, path: "/api/v1/loops", body: nil, reader: .ok, member: .ok, lead: .ok, otherTeam: .ok),
        .init(
            method: .get,
            path: "/api/v1/loops/pay-b1",
            body: nil,
            reader: .ok,
            member: .ok,
            lead: .ok,
            otherTeam: .notFound
        ),
        .init(method: .get, path: "/api/v1/doctor", body: nil, reader: .ok, member: .ok, lead: .ok, otherTeam: .ok),
        .init(
            method: .get,
            path: "/api/v1/reports/standup?person=ana",
            body: nil,
            reader: .ok,
            member: .ok,
            lead: .ok,
            // Ana is nobody in the other team: no report of a stranger, empty or not.
            otherTeam: .notFound
        ),
        .init(
            method: .get,
            path: "/api/v1/reports/weekly",
            body: nil,
            reader: .ok,
            member: .ok,
            lead: .ok,
            otherTeam: .ok
        ),
        .init(
            method: .get,
            path: "/api/v1/reports/brag?since=2026-11-01",
            body: nil,
            reader: .ok,
            member: .ok,
            lead: .ok,
            otherTeam: .ok
        ),
        .init(
            method: .get,
            path: "/api/v1/loops/pay-b1/notice",
            body: nil,
            reader: .ok,
            member: .ok,
            lead: .ok,
            otherTeam: .notFound
        ),
    ]
}
