import OwnCore
import OwnOutput

/// One-line messages on standard error; results go to standard output with `print`. Everything `own`
/// writes on standard error goes through here, to `StandardError`, which the other executables share.
enum Output {
    /// Writes `own: message` on standard error. Messages quote what people typed or wrote (a key, a
    /// name, a title), so their control characters are escaped as `own list` shows them, never acted on.
    static func error(_ message: String) {
        StandardError.message(TextEscaping.escaped(message))
    }

    /// Writes `own: message` on standard error: what a command did besides its output.
    static func note(_ message: String) {
        StandardError.message(TextEscaping.escaped(message))
    }

    /// Writes a command's one-line confirmation on standard output, with the control characters of
    /// what it quotes (a title, a note, a reason, a name) escaped as `own list` shows them: a title
    /// someone else wrote cannot move the cursor, clear the screen or set the window's title.
    static func confirm(_ line: String) {
        print(TextEscaping.escaped(line))
    }

    /// Writes `own: warning: message` on standard error, escaped as `error` is.
    static func warning(_ message: String) {
        StandardError.warning(TextEscaping.escaped(message))
    }
}
