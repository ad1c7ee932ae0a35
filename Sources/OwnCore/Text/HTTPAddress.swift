public import Foundation

/// The one rule for an address `own` posts to (a channel, a `[post]` webhook, the team server):
/// http or https with a host, and a port (if it names one) that is a port.
public enum HTTPAddress {
    /// Whether `text` is such an address. A blank or a control character is a paste gone wrong
    /// (Foundation would escape it and post to another address); past 65535 a sender wrapped the
    /// port round, and posted to another port of the host.
    public static func isValid(_ text: String) -> Bool {
        guard
            !text.unicodeScalars.contains(where: { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }),
            let components = URLComponents(string: text),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return false }
        return components.port.map { (1...65535).contains($0) } ?? true
    }

    /// What every refusal says the address must be.
    public static let rule = "http:// or https:// with a host (and a port, if any, from 1 to 65535), and no blanks"
}
