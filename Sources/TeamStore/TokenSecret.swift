import Crypto

/// Making token secrets and ids, and hashing secrets for storage and lookup.
public enum TokenSecret {
    /// A new secret: `own_` and 32 random bytes in hex. Shown once; only its hash is kept.
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        return "own_" + hex((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// A new public id for a token: `tok-` and 4 random bytes in hex.
    public static func newID() -> String {
        var generator = SystemRandomNumberGenerator()
        return "tok-" + hex((0..<4).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
    }

    /// The SHA-256 of a secret, lowercase hex: what the store keeps and looks tokens up by.
    public static func hash(_ secret: String) -> String {
        hex(Array(SHA256.hash(data: Array(secret.utf8))))
    }

    private static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
