import Foundation

/// Reads a file (or standard input) a chunk at a time and splits it into numbered lines, refusing
/// invalid UTF-8 and absurdly long lines by number. Memory stays one chunk and one line, whatever
/// the file's size.
struct LineReader {
    private let descriptor: Int32
    /// The file as named, for the messages.
    private let file: String
    private var buffer: [UInt8] = []
    /// Where the unread bytes of `buffer` start.
    private var start = 0
    private var atEnd = false
    private var number = 0

    /// The longest line accepted: no event comes near it.
    static let maximumLength = 1 << 20
    /// How much one read asks for.
    static let chunk = 1 << 20

    /// Opens `file`, or standard input for `-`.
    init(file: String) throws {
        self.file = file
        if file == "-" {
            descriptor = 0
        } else {
            descriptor = open(file, O_RDONLY)
            guard descriptor >= 0 else { throw CLIError("cannot read \(file); check the path and its permissions") }
        }
    }

    /// Closes the file (never standard input).
    func close() {
        if descriptor > 0 { _ = Foundation.close(descriptor) }
    }

    mutating func next() throws -> (Int, String)? {
        while true {
            let newline = buffer.withUnsafeBufferPointer { bytes -> Int? in
                guard start < bytes.count, let base = bytes.baseAddress else { return nil }
                return memchr(base + start, 0x0A, bytes.count - start).map {
                    UnsafePointer<UInt8>($0.assumingMemoryBound(to: UInt8.self)) - base
                }
            }
            if let newline { return try line(upTo: newline, next: newline + 1) }
            if atEnd { return start < buffer.count ? try line(upTo: buffer.count, next: buffer.count) : nil }
            guard buffer.count - start <= Self.maximumLength else {
                throw tooLong(number + 1)
            }
            try fill()
        }
    }

    private mutating func line(upTo end: Int, next: Int) throws -> (Int, String) {
        number += 1
        guard end - start <= Self.maximumLength else {
            throw tooLong(number)
        }
        let line = buffer.withUnsafeBufferPointer { bytes in
            let line = UnsafeBufferPointer(rebasing: bytes[start..<end])
            // ASCII is valid UTF-8 as it stands, and most lines are: `String(validating:as:)` is generic
            // and looked up its metadata for every line of an import.
            return Self.isASCII(line) ? String(decoding: line, as: UTF8.self) : String(validating: line, as: UTF8.self)
        }
        start = next
        guard let line else { throw CLIError("\(file):\(number): the line is not valid UTF-8; nothing was imported") }
        return (number, line)
    }

    /// Whether every byte is below 0x80, looked at eight at a time.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var index = 0
        while index + 8 <= bytes.count {
            if raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
            index += 8
        }
        while index < bytes.count {
            if bytes[index] >= 0x80 { return false }
            index += 1
        }
        return true
    }

    private func tooLong(_ number: Int) -> CLIError {
        CLIError("\(file):\(number): the line is longer than 1 MiB; no event is that large; nothing was imported")
    }

    /// Drops what was read and appends the next chunk: a new buffer holds the unread bytes, then
    /// what one read gives. Grown by appending a chunk of zeros, every fill wrote a megabyte first,
    /// an element at a time in a debug build (a seventh of the command-line tests' time in `own`).
    private mutating func fill() throws {
        let kept = buffer.count - start
        var read = -1
        buffer = try buffer.withUnsafeBufferPointer { old in
            try [UInt8](unsafeUninitializedCapacity: kept + Self.chunk) { bytes, initialized in
                // swift-format-ignore: NeverForceUnwrap
                // Its capacity is at least a chunk.
                let base = bytes.baseAddress!
                if let unread = old.baseAddress, kept > 0 { base.initialize(from: unread + start, count: kept) }
                initialized = kept
                while read < 0 {
                    read = Foundation.read(descriptor, base + kept, Self.chunk)
                    guard read >= 0 || errno == EINTR else {
                        throw CLIError("cannot read the input: \(String(cString: strerror(errno)))")
                    }
                }
                initialized = kept + read
            }
        }
        start = 0
        if read == 0 { atEnd = true }
    }
}
