import Foundation
import Testing

@testable import OwnCLI

/// The tour's scratch ledger is a file it makes itself: a file already at its name (a ledger left
/// by retyping the steps, or a link to someone's ledger) is neither written into nor removed.
@Suite("own tour's scratch ledger")
struct TourScratchTests {
    @Test func aNameTakenByAFileOrALinkIsPassedOver() throws {
        let folder = NSTemporaryDirectory() + "own-tour-scratch-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let real = folder + "/real.sqlite"
        try Data("someone's ledger".utf8).write(to: URL(fileURLWithPath: real))
        try FileManager.default.createSymbolicLink(atPath: folder + "/own-tour-7.sqlite", withDestinationPath: real)
        try Data().write(to: URL(fileURLWithPath: folder + "/own-tour-7-1.sqlite"))
        // A link left where SQLite would put its write-ahead log counts as taken too.
        try FileManager.default.createSymbolicLink(
            atPath: folder + "/own-tour-7-2.sqlite-wal",
            withDestinationPath: real
        )

        let path = try Own.Tour.makeScratch(in: folder, name: "own-tour-7")
        #expect(path == folder + "/own-tour-7-3.sqlite")
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(try String(contentsOfFile: real, encoding: .utf8) == "someone's ledger")
        #expect(try FileManager.default.attributesOfItem(atPath: folder + "/own-tour-7-1.sqlite")[.size] as? Int == 0)
    }
}
