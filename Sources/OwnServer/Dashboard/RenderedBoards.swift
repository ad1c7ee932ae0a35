/// The board's sections (team findings and people) as rendered HTML, kept for a few verdicts: the
/// board is the same for every reader of a team within a minute, so it is rendered once, not on
/// every read (rendering half a megabyte of rows was most of the page's time). The signed-in parts
/// (who, the CSRF token) are in the page around it, rendered on every read.
actor RenderedBoards {
    /// One board: the verdict it shows (`DoctorLoopCache`'s number for it, which stands for the
    /// team, its last event, the instant and the people settings) and the people listed.
    struct Key: Hashable {
        var judgement: UInt64
        var people: [String]
    }

    /// How many boards are kept, the most recently read.
    static let kept = 8
    private var boards = RecentlyUsed<Key, String>(capacity: kept)

    func board(_ key: Key) -> String? { boards.get(key) }

    func keep(_ key: Key, _ html: String) { boards.set(key, html) }
}
