import Foundation

extension TextEscaping {
    /// An argument as a shell reads it back, for a command a message suggests: as it is when plain,
    /// else single-quoted (`own approve 'db migration'`). A key may hold spaces, and `own approve db
    /// migration`, pasted, names two arguments.
    public static func shellWord(_ argument: String) -> String {
        let plain = !argument.isEmpty && (asciiPlain(argument) ?? argument.allSatisfy(isPlain))
        return plain ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func isPlain(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || "-_./:+=,@".contains(character)
    }

    /// Whether an ASCII argument is plain, read over its bytes; nil when it is not ASCII. Every
    /// finding of the doctor suggests a command naming its loop: asking each character of each key
    /// for its Unicode properties cost the doctor a tenth of its time.
    private static func asciiPlain(_ argument: String) -> Bool? {
        var plain = true
        for byte in argument.utf8 {
            guard byte < 0x80 else { return nil }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: "/"), UInt8(ascii: ":"), UInt8(ascii: "+"), UInt8(ascii: "="), UInt8(ascii: ","),
                UInt8(ascii: "@"):
                continue
            default:
                plain = false
            }
        }
        return plain
    }
}
