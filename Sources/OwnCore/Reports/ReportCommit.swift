public import Foundation

/// A commit as the reports see it: a plain value the CLI builds from git, so the core reads no repository.
public struct ReportCommit: Sendable, Equatable {
    /// The full hash.
    public var hash: String
    /// The first line of the message.
    public var subject: String
    /// When it was authored.
    public var at: Date
    /// The repository's name, as people know it (its folder's name).
    public var repository: String
    /// The loops it names: `Loop:` trailers, and the number in a `loop/<number>-...` branch.
    public var loopReferences: [String]

    /// A commit from its parts.
    public init(hash: String, subject: String, at: Date, repository: String, loopReferences: [String] = []) {
        self.hash = hash
        self.subject = subject
        self.at = at
        self.repository = repository
        self.loopReferences = loopReferences
    }

    /// The short hash people recognise.
    public var shortHash: String { String(hash.prefix(7)) }

    /// The commit as a JSON object for the reports' contract.
    var json: JSONValue {
        .object([
            "hash": .string(hash), "subject": .string(subject), "at": .string(Timestamp.format(at)),
            "repository": .string(repository),
        ])
    }

    /// The line a person reads: short hash, subject, repository.
    var line: String { "\(shortHash) \(subject) (\(repository))" }
}
