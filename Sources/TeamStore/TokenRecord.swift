public import Foundation

/// A token as stored: who it speaks for, in which team, with which role. The secret itself is never
/// stored, only its SHA-256 hash.
public struct TokenRecord: Sendable, Equatable {
    /// A short public id, for listing and revoking (`tok-3f9a1c2e`).
    public var id: String
    /// The team it belongs to.
    public var team: String
    /// The person it speaks for: every event it writes has this `by`.
    public var person: String
    /// What it may do.
    public var role: Role
    /// When it was made.
    public var createdAt: Date
    /// When it was revoked; nil while it works.
    public var revokedAt: Date?

    /// A token record.
    public init(id: String, team: String, person: String, role: Role, createdAt: Date, revokedAt: Date? = nil) {
        self.id = id
        self.team = team
        self.person = person
        self.role = role
        self.createdAt = createdAt
        self.revokedAt = revokedAt
    }
}

/// A token to store: its record and the hash of its secret.
public struct NewToken: Sendable {
    /// What the token is.
    public var record: TokenRecord
    /// The SHA-256 of its secret, lowercase hex (`TokenSecret.hash`).
    public var hash: String

    /// A token to store.
    public init(record: TokenRecord, hash: String) {
        self.record = record
        self.hash = hash
    }
}
