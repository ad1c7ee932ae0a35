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
        bytes.withUnsafeBufferPointer(line)
    }

    /// `line` for bytes where they lie.
    public static func line(_ bytes: UnsafeBufferPointer<UInt8>) {
        write(bytes)
        [10].withUnsafeBufferPointer { writeAll(1, $0) }
    }

    /// Writes the bytes as they are, after what `print` buffered: part of a line or of a document
    /// written a piece at a time.
    public static func write(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer(write)
    }

    /// `write` for bytes where they lie.
    public static func write(_ bytes: UnsafeBufferPointer<UInt8>) {
        _ = fflush(nil)
        writeAll(1, bytes)
    }
}
