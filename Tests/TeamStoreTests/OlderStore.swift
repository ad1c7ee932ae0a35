import Foundation
import OwnCore
import TeamStore

/// A SQLite team store in a folder of its own, holding the team "payments" and its events: what a
/// migration test then makes into the store an older server left (`DatabaseQueue` on `path`), and
/// opens again. `remove()` deletes the folder.
struct OlderStore {
    let folder = NSTemporaryDirectory() + "own-older-store-" + UUID().uuidString
    var path: String { folder + "/server.sqlite" }

    init(_ events: [Event]) async throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let store = try SQLiteTeamStore(path: path)
        _ = try await store.addTeam("payments", at: events[0].at)
        _ = try await store.append(events, team: "payments")
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}
