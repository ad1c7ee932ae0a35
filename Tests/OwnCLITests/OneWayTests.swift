import Testing

/// One way to do each thing, shared by the CLI, the gate, the sender and the server: a second way,
/// written later by someone who did not know of the first, fails here rather than in a review.
@Suite("One way to run a program, write JSON and read an ISO-8601 instant")
struct OneWayTests {
    /// Each shared piece, and what a second copy of it would use.
    static let pieces: [(owner: String, needles: [String])] = [
        ("Sources/OwnGit/Spawn.swift", ["Process()", "Foundation.Process", "posix_spawn"]),
        ("Sources/OwnCore/JSON/JSONWriter.swift", ["JSONEncoder(", "JSONSerialization.data("]),
        ("Sources/OwnCore/Time/Timestamp.swift", ["ISO8601DateFormatter", "ISO8601FormatStyle", ".iso8601"]),
    ]

    @Test(arguments: pieces.map(\.owner))
    func onlyTheSharedPieceDoesIt(owner: String) throws {
        let needles = try #require(Self.pieces.first { $0.owner == owner }).needles
        let files = try SourceFiles.all()
        #expect(files.contains { $0.path == owner }, "\(owner) is where the one way lives")
        for (path, text) in files where path != owner {
            for needle in needles {
                #expect(!text.contains(needle), "\(path) uses \(needle): use what \(owner) offers instead")
            }
        }
    }
}
