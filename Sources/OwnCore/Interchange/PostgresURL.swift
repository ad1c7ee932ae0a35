/// The parts of a PostgreSQL connection URL, `postgres://user:password@host:port/database?name=value`
/// (or `postgresql://`), with libpq's defaults for what it leaves out: user `postgres`, host
/// `localhost`, port 5432. Percent-escapes in the user, password and database are decoded; a bracketed
/// IPv6 host keeps its colons. Which options a caller accepts is the caller's to say.
public struct PostgresURL: Sendable, Equatable {
    /// One `name=value` pair of the query.
    public struct Option: Sendable, Equatable {
        /// The option's name.
        public var name: String
        /// Its value; empty when the URL gives none.
        public var value: String

        /// An option named `name` with `value`.
        public init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The role to connect as.
    public var user = "postgres"
    /// Its password, when the URL gives one.
    public var password: String?
    /// The server's host name or address.
    public var host = "localhost"
    /// The server's port.
    public var port = 5432
    /// The database; nil for the user's own.
    public var database: String?
    /// The query's options, in the URL's order.
    public var options: [Option] = []

    /// Reads `url`; nil when it is not a PostgreSQL URL, its port is not a number from 1 to 65535, or
    /// its user is empty.
    public init?(_ url: String) {
        var rest = Substring(url)
        if rest.hasPrefix("postgres://") {
            rest = rest.dropFirst("postgres://".count)
        } else if rest.hasPrefix("postgresql://") {
            rest = rest.dropFirst("postgresql://".count)
        } else {
            return nil
        }
        if let question = rest.firstIndex(of: "?") {
            options = rest[rest.index(after: question)...].split(separator: "&").map { pair in
                let parts = pair.split(separator: "=", maxSplits: 1)
                return Option(name: parts.first.map(String.init) ?? "", value: parts.count == 2 ? String(parts[1]) : "")
            }
            rest = rest[..<question]
        }
        var authority = rest
        if let slash = rest.firstIndex(of: "/") {
            authority = rest[..<slash]
            let name = rest[rest.index(after: slash)...]
            database = name.isEmpty ? nil : Self.percentDecoded(name)
        }
        if let at = authority.lastIndex(of: "@") {
            let credentials = authority[..<at]
            authority = authority[authority.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                user = Self.percentDecoded(credentials[..<colon])
                password = Self.percentDecoded(credentials[credentials.index(after: colon)...])
            } else {
                user = Self.percentDecoded(credentials)
            }
        }
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            host = String(authority[authority.index(after: authority.startIndex)..<close])
            authority = authority[authority.index(after: close)...]
            if !authority.isEmpty {
                guard authority.first == ":", let number = Int(authority.dropFirst()) else { return nil }
                port = number
            }
        } else {
            if let colon = authority.lastIndex(of: ":") {
                guard let number = Int(authority[authority.index(after: colon)...]) else { return nil }
                port = number
                authority = authority[..<colon]
            }
            if !authority.isEmpty { host = String(authority) }
        }
        guard (1...65535).contains(port), !user.isEmpty else { return nil }
    }

    private static func percentDecoded(_ text: Substring) -> String {
        var bytes: [UInt8] = []
        var rest = Array(text.utf8)[...]
        while let byte = rest.popFirst() {
            if byte == UInt8(ascii: "%"), rest.count >= 2,
                let value = UInt8(String(decoding: rest.prefix(2), as: UTF8.self), radix: 16)
            {
                bytes.append(value)
                rest = rest.dropFirst(2)
            } else {
                bytes.append(byte)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
