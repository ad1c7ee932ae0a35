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

    /// Writes text on standard error as it is, ending it with a newline if it has none (the argument
    /// parser's usage messages).
    static func raw(_ text: String) {
        line(text.hasSuffix("\n") ? String(text.dropLast()) : text)
    }

    private static func line(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
