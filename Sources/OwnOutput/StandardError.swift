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
        text.withUTF8 { buffer in
            guard var next = buffer.baseAddress else { return }
            var left = buffer.count
            while left > 0 {
                let written = writeToDescriptor2(next, left)
                if written < 0, errno == EINTR { continue }
                if written <= 0 { return }
                next += written
                left -= written
            }
        }
    }
}

/// The system's `write(2, …)`, outside the enum whose own `write` would hide it.
private func writeToDescriptor2(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(2, bytes, count)
}
