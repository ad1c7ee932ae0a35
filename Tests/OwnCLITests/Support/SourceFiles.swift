import Foundation
import Testing

/// The repository's Swift sources, for tests that check there is one way to do a thing.
enum SourceFiles {
    /// The repository's root, from this file's place in it.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Every Swift file under Sources, by its path from the root, with its text.
    static func all() throws -> [(path: String, text: String)] {
        let folder = root.appendingPathComponent("Sources")
        let walker = try #require(FileManager.default.enumerator(atPath: folder.path))
        let files = try walker.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted().map {
            ("Sources/" + $0, try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8))
        }
        #expect(files.count > 100, "the walk found the sources")
        return files
    }
}
