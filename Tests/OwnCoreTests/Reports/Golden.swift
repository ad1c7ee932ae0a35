import Foundation
import Testing

/// Compares output with a file under `Golden/`; `OWN_UPDATE_GOLDEN=1` rewrites one that differs.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func check(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = folder.appendingPathComponent(name)
        let expected = try? String(contentsOf: url, encoding: .utf8)
        // An update rewrites a file that differs and still fails the check for it, so that an update
        // run never reads as a pass: review the diff, then run again without it.
        if actual != expected, ProcessInfo.processInfo.environment["OWN_UPDATE_GOLDEN"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            Issue.record("\(name) rewritten; review the diff and run again", sourceLocation: sourceLocation)
        } else {
            #expect(
                actual == expected,
                "\(name) differs or is missing; rerun with OWN_UPDATE_GOLDEN=1 and review the diff",
                sourceLocation: sourceLocation
            )
        }
    }
}
