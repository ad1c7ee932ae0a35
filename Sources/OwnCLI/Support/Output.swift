import Foundation

/// One-line messages on standard error; results go to standard output with `print`.
enum Output {
    /// Writes `own: message` on standard error.
    static func error(_ message: String) {
        FileHandle.standardError.write(Data(("own: " + message + "\n").utf8))
    }

    /// Writes `own: warning: message` on standard error.
    static func warning(_ message: String) {
        FileHandle.standardError.write(Data(("own: warning: " + message + "\n").utf8))
    }
}
