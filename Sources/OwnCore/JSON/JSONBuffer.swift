/// Where JSON's bytes are appended: an array of bytes, or a `JSONBuffer`.
public protocol JSONByteSink: ~Copyable {
    /// Appends one byte.
    mutating func append(_ byte: UInt8)
    /// Appends bytes, in order.
    mutating func append(bytes: UnsafeBufferPointer<UInt8>)
}

extension Array: JSONByteSink where Element == UInt8 {
    @inline(__always)
    public mutating func append(bytes: UnsafeBufferPointer<UInt8>) { append(contentsOf: bytes) }
}

extension JSONByteSink where Self: ~Copyable {
    /// Appends a static text's bytes (a member name, `null`, punctuation).
    @inline(__always)
    mutating func append(static text: StaticString) {
        append(bytes: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}

/// Bytes appended one after another in memory of their own: a JSON text being written.
///
/// An array checks at every append that its storage is not shared and has room, about a hundred
/// instructions for a short run of bytes; `own list --json` makes some 150 appends a loop. A buffer
/// that cannot be copied is never shared: it checks for room only, and copies with `memcpy`.
public struct JSONBuffer: ~Copyable, JSONByteSink {
    private var start: UnsafeMutablePointer<UInt8>?
    /// How many bytes are written.
    public private(set) var count = 0
    private var capacity = 0

    /// An empty buffer with room for `capacity` bytes before it grows.
    public init(capacity: Int = 0) {
        if capacity > 0 { grow(to: capacity) }
    }

    deinit { start?.deallocate() }

    @inline(__always)
    public mutating func append(_ byte: UInt8) {
        if count == capacity { grow(to: count + 1) }
        start.unsafelyUnwrapped[count] = byte
        count += 1
    }

    @inline(__always)
    public mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let from = bytes.baseAddress, !bytes.isEmpty else { return }
        if count + bytes.count > capacity { grow(to: count + bytes.count) }
        (start.unsafelyUnwrapped + count).update(from: from, count: bytes.count)
        count += bytes.count
    }

    /// Forgets the bytes written, keeping the memory for the next.
    public mutating func removeAll() { count = 0 }

    /// The bytes written, for as long as `body` runs.
    public func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: start, count: count))
    }

    /// The bytes written, as text.
    public var string: String { withBytes { String(decoding: $0, as: UTF8.self) } }

    /// This buffer's bytes and memory, moved out: it is left empty, with none.
    mutating func take() -> JSONBuffer {
        var taken = JSONBuffer()
        swap(&taken.start, &start)
        swap(&taken.count, &count)
        swap(&taken.capacity, &capacity)
        return taken
    }

    /// Room for `needed` bytes at least; doubling, so appends cost a constant amount each.
    private mutating func grow(to needed: Int) {
        let larger = Swift.max(needed, 2 * capacity, 64)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        if let start {
            moved.update(from: start, count: count)
            start.deallocate()
        }
        start = moved
        capacity = larger
    }
}
