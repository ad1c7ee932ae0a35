import Foundation
import Testing

/// Compares output with a file under `Golden/`; `OWN_UPDATE_GOLDEN=1` rewrites the file instead.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["OWN_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(
            actual == expected,
            "\(name) differs; rerun with OWN_UPDATE_GOLDEN=1 and review the diff",
            sourceLocation: sourceLocation
        )
    }
}
