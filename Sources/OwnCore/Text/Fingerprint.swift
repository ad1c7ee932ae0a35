/// A text's fingerprint: FNV-1a over its UTF-8, as 16 hex digits, the same on every machine and run
/// (Swift's `Hasher` is seeded per process). Names events made from a text, so making them again
/// from the same text names them alike.
public enum Fingerprint {
    public static func of(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
