import PostgresNIO

/// The read every request's sign-in makes (`tokenAndStamp(hash:)`): the token's row beside its
/// team's and each of its team's people (none: one row of nulls). Prepared once per connection,
/// so PostgreSQL parses and plans it once, and each request sends only its hash.
struct TokenAndStampStatement: PostgresPreparedStatement {
    static let sql = """
        SELECT k.id, k.team, k.person, k.role, k.created, k.revoked,
            t.last_seq, p.name, p.zone, p.workdays, p.hours, p.policy
        FROM tokens k JOIN teams t ON t.name = k.team LEFT JOIN people p ON p.team = t.name
        WHERE k.hash = $1 ORDER BY p.name
        """

    typealias Row = (
        String, String, String, String, Double, Double?, Int64, String?, String?, String?, String?, String?
    )

    /// The SHA-256 of the token's secret, lowercase hex.
    var hash: String

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(hash)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
