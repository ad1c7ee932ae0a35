import Foundation

extension TextEscaping {
    /// An argument as a shell reads it back, for a command a message suggests: as it is when plain,
    /// else single-quoted (`own approve 'db migration'`). A key may hold spaces, and `own approve db
    /// migration`, pasted, names two arguments.
    public static func shellWord(_ argument: String) -> String {
        let plain = !argument.isEmpty && argument.allSatisfy { $0.isLetter || $0.isNumber || "-_./:+=,@".contains($0) }
        return plain ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
