import Foundation
import GoldenFiles
import Testing

/// The report tests' golden files, under `Golden/` beside this file.
enum Golden {
    static let folder = GoldenFile.folder(beside: #filePath)

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        try GoldenFile.check(actual, name, in: folder, sourceLocation: sourceLocation)
    }
}
