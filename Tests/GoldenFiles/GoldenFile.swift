public import Foundation
public import Testing

/// Compares output with a file in a test target's `Golden/` folder; `OWN_UPDATE_GOLDEN=1` rewrites a
/// file that differs. The one check every target's golden tests use.
public enum GoldenFile {
    /// The `Golden` folder beside the file that names it (pass `#filePath`).
    public static func folder(beside file: String) -> URL {
        URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent("Golden")
    }

    /// Checks `actual` against the file `name` in `folder`.
    public static func check(
        _ actual: String,
        _ name: String,
        in folder: URL,
        sourceLocation: SourceLocation
    ) throws {
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
