import OwnOutput

/// One-line messages on standard error; results go to standard output with `print`. Everything `own`
/// writes on standard error goes through here, to `StandardError`, which the other executables share.
enum Output {
    /// Writes `own: message` on standard error.
    static func error(_ message: String) {
        StandardError.message(message)
    }

    /// Writes `own: message` on standard error: what a command did besides its output.
    static func note(_ message: String) {
        StandardError.message(message)
    }

    /// Writes `own: warning: message` on standard error.
    static func warning(_ message: String) {
        StandardError.warning(message)
    }
}
