import Foundation
import Testing

@testable import OwnStore

@Suite("Writing an import's pages behind")
struct WriteBehindTests {
    @Test func aFileThatIsNotThereHasNothingToWrite() {
        #expect(WriteBehind(path: "/nonexistent/own-ledger.sqlite") == nil)
    }

    #if os(Linux)
    /// Linux starts the writing (`sync_file_range`) of a file this process may only read, too: the
    /// descriptor is opened read-only, beside SQLite's own.
    @Test func aFileOnLinuxIsWrittenBehind() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("own-writebehind-\(UUID())")
        defer { try? FileManager.default.removeItem(at: file) }
        try Data(repeating: 7, count: 1 << 16).write(to: file)
        let writeBehind = try #require(WriteBehind(path: file.path))
        writeBehind.start()
        #expect(try Data(contentsOf: file).count == 1 << 16)
    }
    #endif
}
