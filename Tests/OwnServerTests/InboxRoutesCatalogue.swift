import HTTPTypes

/// The inbox routes, for the matrix: every role of the team has an inbox of its own, and so does a
/// member of another team (in that team).
enum InboxRoutesCatalogue {
    static let routes: [AuthMatrixTests.Route] = [
        .init(method: .get, path: "/api/v1/inbox", body: nil, reader: .ok, member: .ok, lead: .ok, otherTeam: .ok),
        .init(
            method: .post,
            path: "/api/v1/inbox/read",
            body: { _ in #"{"all": true}"# },
            reader: .ok,
            member: .ok,
            lead: .ok,
            otherTeam: .ok
        ),
    ]
}
