import Foundation
import TeamStore
import Testing

/// A team store to test, and how to throw it away.
struct StoreUnderTest: Sendable {
    let store: any TeamStore
    let discard: @Sendable () async -> Void
}

/// One engine of the team store, as the contract suite runs it: `make` gives a fresh, empty store.
struct Engine: Sendable, CustomTestStringConvertible {
    let name: String
    let make: @Sendable () async throws -> StoreUnderTest

    var testDescription: String { name }

    /// Every engine the contract suite runs against. An engine that needs a server it can reach only
    /// in some environments is listed when that environment is there.
    static var all: [Engine] {
        [sqlite]
    }

    static let sqlite = Engine(name: "SQLite") {
        let folder = NSTemporaryDirectory() + "own-team-store-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try SQLiteTeamStore(path: folder + "/server.sqlite")
        return StoreUnderTest(store: store) { try? FileManager.default.removeItem(atPath: folder) }
    }
}
