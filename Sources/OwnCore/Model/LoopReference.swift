/// How a person names a loop: by its number (`12`, `#12`) or by its key.
///
/// Numbers and keys share one argument, so a key that reads as a number would name another loop once
/// that number exists: `checkKey` refuses such keys on every path that gives a loop its key.
public enum LoopReference: Sendable, Hashable {
    /// The loop's number in the ledger (1, 2, 3 …).
    case number(Int)
    /// The loop's key, as chosen by whoever created it.
    case key(String)

    /// The longest key accepted, in characters.
    public static let maximumKeyLength = 200

    /// Reads what a person typed: a positive whole number, with or without `#`, is a number; anything
    /// else is a key.
    public init(_ text: String) {
        // A number with blanks around it (`own show " 1 "`) is that number; a key is taken as typed.
        var digits = Substring(text.trimming(.spaces))
        if digits.hasPrefix("#") { digits = digits.dropFirst() }
        if !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let number = Int(digits), number > 0 {
            self = .number(number)
        } else {
            // As keys are stored (`ComposedForm`), whichever form it was typed in.
            self = .key(ComposedForm.of(text))
        }
    }

    /// Refuses a key for a new loop: what `checkKey` refuses, and a key beginning with `@`, kept for
    /// facts about people (`@away`, `@declined`), which are no loop.
    public static func checkNewKey(_ key: String) throws(CoreError) {
        try checkKey(key)
        if key.hasPrefix("@") {
            throw .invalidKey(key: key, reason: "keys beginning with @ are kept for time off and declines")
        }
    }

    /// Refuses a key that would break the ledger or collide with a loop number: empty, longer than
    /// `maximumKeyLength`, with a control character, only blanks, or reading as a number (`5`, `#5`).
    public static func checkKey(_ key: String) throws(CoreError) {
        func refuse(_ reason: String) -> CoreError {
            .invalidKey(key: key, reason: reason)
        }
        // Nearly every key (one for each event of an import): printable ASCII, not too long, with a
        // byte that is no digit, space or #. Such a key is none of the refused ones below, told from its
        // bytes alone.
        if key.allBytes({ $0 >= 0x20 && $0 < 0x7F }), key.utf8.count <= maximumKeyLength, key.utf8.count > 2,
            !key.allBytes({ $0 == 0x20 || $0 == 0x23 || ($0 >= 0x30 && $0 <= 0x39) })
        {
            return
        }
        if key.isEmpty { throw refuse("a key cannot be empty") }
        // A web address reads these as folders: the dashboard's link to the loop led elsewhere.
        if key == "." || key == ".." { throw refuse("a key cannot be . or ..; add a letter") }
        // Printable ASCII (nearly every key, checked for each event of an import): a byte a character,
        // none of them a control character, and a space the only blank.
        let ascii = key.allBytes { $0 >= 0x20 && $0 < 0x7F }
        if (ascii ? key.utf8.count : key.count) > maximumKeyLength {
            throw refuse("a key has at most \(maximumKeyLength) characters")
        }
        if !ascii, key.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw refuse("a key cannot hold control characters (tabs, newlines, escapes)")
        }
        if ascii ? key.allBytes({ $0 == 0x20 }) : key.allSatisfy(\.isWhitespace) {
            throw refuse("a key cannot be only spaces")
        }
        var digits = Substring(key).utf8
        // Spaces around it are no part of a key as a command reads one: "#1 " named loop #1.
        while digits.first == UInt8(ascii: " ") { digits = digits.dropFirst() }
        while digits.last == UInt8(ascii: " ") { digits = digits.dropLast() }
        if digits.first == UInt8(ascii: "#") { digits = digits.dropFirst() }
        if !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) {
            throw refuse("a key cannot read as a loop number (5 or #5); add a letter")
        }
    }
}

extension Loop {
    /// How a command a message suggests names the loop: its number in a ledger; its key on the team
    /// server, where loops have no numbers, quoted for a shell when it holds spaces (a key may).
    public var commandReference: String { number > 0 ? String(number) : TextEscaping.shellWord(key) }
}
