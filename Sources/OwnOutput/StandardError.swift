#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard error, as every executable of `own` writes it: unbuffered, whole lines, `own: ` before
/// each message. One place, so `own`, `own-gate`, `own-post` and `own-server` cannot drift apart.
public enum StandardError {
    /// Writes `own: message` and a newline: an error, or what a command did besides its output.
    public static func message(_ message: String) {
        write("own: " + message + "\n")
    }

    /// Writes `own: warning: message` and a newline.
    public static func warning(_ message: String) {
        write("own: warning: " + message + "\n")
    }

    /// Writes text as it is: a prompt, or a usage line.
    public static func write(_ text: String) {
        var text = text
        text.withUTF8 { writeAll(2, $0) }
    }
}
