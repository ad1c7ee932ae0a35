import Foundation

/// One-line messages on standard error; results go to standard output with `print`. Everything `own`
/// writes on standard error goes through here.
enum Output {
    /// Writes `own: message` on standard error.
    static func error(_ message: String) {
        line("own: " + message)
    }

    /// Writes `own: message` on standard error: what a command did besides its output.
    static func note(_ message: String) {
        line("own: " + message)
    }

    /// Writes `own: warning: message` on standard error.
    static func warning(_ message: String) {
        line("own: warning: " + message)
    }

    private static func line(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
