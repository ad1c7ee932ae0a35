import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OwnCore
import OwnServer
import TeamStore

/// A server over a fresh store with two teams and a token for each kind of caller.
///
/// `payments`: ana (member), lee (lead), raj (lead), wall (reader), and old (a revoked member).
/// `search`: sam (member). Tests send requests in-process with Hummingbird's router test client.
struct TestTeam {
    let store: SQLiteTeamStore
    let folder: String
    var tokens: [String: String] = [:]

    static let now = Timestamp.parse("2026-11-27T12:00:00Z")!

    static func make() async throws -> TestTeam {
        let folder = NSTemporaryDirectory() + "own-server-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var team = TestTeam(store: try SQLiteTeamStore(path: folder + "/server.sqlite"), folder: folder)
        _ = try await team.store.addTeam("payments", at: now)
        _ = try await team.store.addTeam("search", at: now)
        for (person, role, name) in [
            ("ana", Role.member, "payments"), ("lee", .lead, "payments"), ("raj", .lead, "payments"),
            ("wall", .reader, "payments"), ("old", .member, "payments"), ("sam", .member, "search"),
        ] {
            try await team.addToken(id: "tok-" + person, person: person, role: role, team: name)
        }
        try await team.store.revokeToken(id: "tok-old", at: now)
        return team
    }

    /// Adds a token for a person, which `auth` sends from then on.
    mutating func addToken(id: String, person: String, role: Role, team: String = "payments") async throws {
        let secret = TokenSecret.generate()
        let record = TokenRecord(id: id, team: team, person: person, role: role, createdAt: Self.now)
        _ = try await store.addToken(NewToken(record: record, hash: TokenSecret.hash(secret)))
        tokens[person] = secret
    }

    func discard() {
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// Runs `body` with a client of the server over this store.
    func withClient(
        maxBodyBytes: Int = 1024 * 1024,
        now: @escaping @Sendable () -> Date = { TestTeam.now },
        publicURL: String? = nil,
        _ body: @Sendable (any TestClientProtocol) async throws -> Void
    ) async throws {
        let configuration = ServerConfiguration(maxBodyBytes: maxBodyBytes, publicURL: publicURL, now: now)
        let app = Application(router: TeamServer.router(store: store, configuration: configuration))
        try await app.test(.router, body)
    }

    /// The header for a person's token.
    func auth(_ person: String) -> HTTPFields {
        [.authorization: "Bearer " + (tokens[person] ?? "none")]
    }
}

/// One interchange line.
func line(
    _ type: EventType,
    id: String,
    loop: String = "pay-b1",
    at: String = "2026-11-23T09:00:00Z",
    by: String = "ana",
    _ fields: EventFields = [:]
) -> String {
    Event(id: id, loop: loop, at: Timestamp.parse(at)!, by: by, type: type, fields: fields).jsonLine
}

/// A body of JSON Lines.
func lines(_ items: String...) -> ByteBuffer {
    ByteBuffer(string: items.joined(separator: "\n") + "\n")
}

extension TestResponse {
    /// The body as text.
    var text: String { body.getString(at: body.readerIndex, length: body.readableBytes) ?? "" }

    /// The `error` of a one-line JSON error body.
    var error: String? {
        guard text.hasSuffix("\n") == false, !text.contains("\n"),
            case .object(let members) = try? JSONParser.parse(text)
        else { return nil }
        return members["error"]?.stringValue
    }
}
