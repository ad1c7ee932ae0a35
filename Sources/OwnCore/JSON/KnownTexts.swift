/// A few short texts known in advance (the types of events, the names of their fields), found by the
/// bytes of a line where they lie: the text found is the one held here, and reading it makes no
/// string. Making one took about 200 instructions, for each member of every line of an import.
struct KnownTexts: Sendable {
    /// The texts, each of at most 16 bytes of UTF-8.
    let texts: [String]
    /// Each text's bytes, packed into two words.
    private let packed: [Packed]
    /// An open-addressed table of the texts' places by their packed bytes' hash (-1: empty), with
    /// room to spare: a text not among them is told after a probe or two.
    private let slots: [Int16]
    private let shift: UInt64

    init(_ texts: [String]) {
        self.texts = texts
        packed = texts.map { text in
            let bytes = Array(text.utf8)
            // swift-format-ignore: NeverForceUnwrap
            // The texts are given in the sources.
            return bytes.withUnsafeBufferPointer { Packed($0)! }
        }
        var bits: UInt64 = 4
        while 1 << bits < texts.count * 4 { bits += 1 }
        shift = 64 - bits
        var slots = [Int16](repeating: -1, count: 1 << bits)
        for (index, key) in packed.enumerated() {
            var slot = key.slot(shift)
            while slots[slot] >= 0 { slot = (slot + 1) & (slots.count - 1) }
            slots[slot] = Int16(index)
        }
        self.slots = slots
    }

    /// The place of the text whose UTF-8 is `bytes`; nil for a text not among them.
    func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let key = Packed(bytes) else { return nil }
        var slot = key.slot(shift)
        while true {
            let index = Int(slots[slot])
            if index < 0 { return nil }
            if packed[index] == key { return index }
            slot = (slot + 1) & (slots.count - 1)
        }
    }

    /// The text whose UTF-8 is `bytes`, as held here.
    func text(of bytes: UnsafeBufferPointer<UInt8>) -> String? {
        index(of: bytes).map { texts[$0] }
    }

    /// Up to 16 bytes in two words, with their count: two texts are equal when these are.
    private struct Packed: Equatable, Sendable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        let count: Int

        init?(_ bytes: UnsafeBufferPointer<UInt8>) {
            guard bytes.count <= 16 else { return nil }
            count = bytes.count
            guard let base = bytes.baseAddress else { return }
            withUnsafeMutableBytes(of: &low) {
                $0.copyMemory(from: UnsafeRawBufferPointer(start: base, count: min(count, 8)))
            }
            if count > 8 {
                withUnsafeMutableBytes(of: &high) {
                    $0.copyMemory(from: UnsafeRawBufferPointer(start: base + 8, count: count - 8))
                }
            }
        }

        /// The slot a table of `64 - shift` bits starts looking in (a multiplicative hash).
        func slot(_ shift: UInt64) -> Int {
            Int(truncatingIfNeeded: ((low ^ (high &* 31) ^ UInt64(count)) &* 0x9E37_79B9_7F4A_7C15) >> shift)
        }
    }
}
