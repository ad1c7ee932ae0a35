#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Standard output for output already made as UTF-8 bytes (the doctor's findings, a long report):
/// written as they are, without first making them a String, which would check every byte again.
public enum StandardOutput {
    /// Writes the bytes, then a newline, as `print` ends a line. What `print` buffered is flushed
    /// first, so the two keep their order.
    public static func line(_ bytes: [UInt8]) {
        _ = fflush(nil)
        bytes.withUnsafeBufferPointer(writeAll)
        [10].withUnsafeBufferPointer(writeAll)
    }

    /// Writes the whole buffer: `write` may take fewer bytes than given, or be interrupted.
    private static func writeAll(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard var next = buffer.baseAddress else { return }
        var left = buffer.count
        while left > 0 {
            let written = writeToDescriptor1(next, left)
            if written < 0, errno == EINTR { continue }
            if written <= 0 { return }
            next += written
            left -= written
        }
    }
}

/// The system's `write(1, …)`.
private func writeToDescriptor1(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
    write(1, bytes, count)
}
