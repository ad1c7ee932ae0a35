import Foundation
import OwnCore

/// The pages' parts as last rendered (the board's team findings and each person on it, and the body
/// of each person's page), with what each showed: a part is rendered again only when what it shows
/// changed, so a new event re-renders the one or two people it touched, not half a megabyte of rows
/// (most of a page's time). The signed-in parts (who, the CSRF token) are in the page around them,
/// rendered on every read.
actor RenderedParts {
    /// The page a part is on.
    enum Page: Hashable {
        case board
        /// A person's loops on the board, apart from their name and local time around them.
        case boardLoops
        case person
    }

    /// One part of one team's page, now or as of an instant (its links keep `?at=`).
    struct Key: Hashable {
        var team: String
        var asOf: Date?
        var page: Page
        /// The person, or nil for the board's team findings.
        var person: String?
    }

    /// What a part shows: loops with the findings on each, or findings alone, and its words.
    struct Shown: Equatable {
        var loops: [Loop] = []
        var findings: [[Finding]] = []
        var words: [String] = []
    }

    /// How many parts are kept, the most recently read: a few teams' boards and people's pages.
    static let kept = 1_024
    private var parts = RecentlyUsed<Key, (shown: Shown, html: String)>(capacity: kept)

    /// The part as rendered when it showed `shown`; nil when it has not been, or showed something else.
    func part(_ key: Key, showing shown: Shown) -> String? {
        guard let part = parts.get(key), part.shown == shown else { return nil }
        return part.html
    }

    func keep(_ key: Key, showing shown: Shown, _ html: String) { parts.set(key, (shown, html)) }
}
