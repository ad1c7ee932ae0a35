#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes the whole buffer to a descriptor: `write` may take fewer bytes than given, or be
/// interrupted. Stops quietly when the descriptor is gone (a closed pipe).
func writeAll(_ descriptor: Int32, _ buffer: UnsafeBufferPointer<UInt8>) {
    guard var next = buffer.baseAddress else { return }
    var left = buffer.count
    while left > 0 {
        let written = write(descriptor, next, left)
        if written < 0, errno == EINTR { continue }
        if written <= 0 { return }
        next += written
        left -= written
    }
}
