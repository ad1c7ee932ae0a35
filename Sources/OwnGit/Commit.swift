/// A commit as read from `git log`: plain values, nothing about loops beyond the text that names them.
public struct Commit: Sendable, Equatable {
    /// The full hash.
    public var hash: String
    /// When it was authored, in seconds since 1970.
    public var authoredAt: Int
    /// The author's e-mail.
    public var authorEmail: String
    /// The author's name.
    public var authorName: String
    /// The local branch git reached it from (`loop/12-fix-timeout`), empty when unknown.
    public var branch: String
    /// The first line of the message.
    public var subject: String
    /// The values of its `Loop:` trailers, in order.
    public var trailerLoops: [String]

    /// A commit from its parts.
    public init(
        hash: String,
        authoredAt: Int,
        authorEmail: String,
        authorName: String,
        branch: String,
        subject: String,
        trailerLoops: [String]
    ) {
        self.hash = hash
        self.authoredAt = authoredAt
        self.authorEmail = authorEmail
        self.authorName = authorName
        self.branch = branch
        self.subject = subject
        self.trailerLoops = trailerLoops
    }

    /// The loop number in a `loop/<number>-...` (or `loop/<number>`) branch name.
    public var branchLoop: String? {
        // `loop/12-x`, or a prefixed `ana/loop/12-x`: the part after a `loop` path component.
        let parts = branch.split(separator: "/", omittingEmptySubsequences: false)
        guard let index = parts.lastIndex(of: "loop"), index + 1 < parts.count else { return nil }
        let name = parts[index + 1]
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        let rest = name.dropFirst(digits.count)
        guard !digits.isEmpty, rest.isEmpty || rest.hasPrefix("-") else { return nil }
        return String(digits)
    }

    /// Every loop it names: trailers first, then the branch's number.
    public var loopReferences: [String] {
        trailerLoops + (branchLoop.map { [$0] } ?? [])
    }
}
