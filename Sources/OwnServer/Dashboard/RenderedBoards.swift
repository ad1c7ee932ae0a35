import Foundation
import OwnCore

/// The board's parts (the team's findings, and each person) as last rendered, with what each
/// showed: a part is rendered again only when what it shows changed, so a new event re-renders
/// the one or two people it touched, not half a megabyte of rows (most of the page's time). The
/// signed-in parts (who, the CSRF token) are in the page around them, rendered on every read.
actor RenderedBoards {
    /// One part of one team's board, now or as of an instant (its links keep `?at=`).
    struct Key: Hashable {
        var team: String
        var asOf: Date?
        /// The person, or nil for the team's findings.
        var person: String?
    }

    /// What a part shows: loops with the findings on each, or findings alone, and its words.
    struct Shown: Equatable {
        var loops: [Loop] = []
        var findings: [[Finding]] = []
        var words: [String] = []
    }

    /// How many parts are kept, the most recently read: a few teams' boards.
    static let kept = 1_024
    private var parts = RecentlyUsed<Key, (shown: Shown, html: String)>(capacity: kept)

    /// The part as rendered when it showed `shown`; nil when it has not been, or showed something else.
    func part(_ key: Key, showing shown: Shown) -> String? {
        guard let part = parts.get(key), part.shown == shown else { return nil }
        return part.html
    }

    func keep(_ key: Key, showing shown: Shown, _ html: String) { parts.set(key, (shown, html)) }
}
