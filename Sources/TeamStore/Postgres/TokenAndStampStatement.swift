import PostgresNIO

/// The read behind every request's sign-in (`tokenAndStamp(hash:)`), for every token asked at once
/// (`SignInReads` gathers them): each token's row beside its team's and each of its team's people
/// (none: one row of nulls), in order of hash then name. Prepared once per connection, so
/// PostgreSQL parses and plans it once, and each read sends only its hashes.
struct TokenAndStampStatement: PostgresPreparedStatement {
    /// Its name on each connection, written once: PostgresNIO's default spells the type's name
    /// out again on every read (`String(reflecting:)`).
    static let name = "own_token_and_stamp"

    static let sql = """
        SELECT k.hash, k.id, k.team, k.person, k.role, k.created, k.revoked,
            t.last_seq, p.name, p.zone, p.workdays, p.hours, p.policy
        FROM tokens k JOIN teams t ON t.name = k.team LEFT JOIN people p ON p.team = t.name
        WHERE k.hash = ANY($1) ORDER BY k.hash, p.name
        """

    typealias Row = (
        String, String, String, String, String, Double, Double?, Int64, String?, String?, String?, String?, String?
    )

    /// The SHA-256 of each token's secret, lowercase hex.
    var hashes: [String]

    func makeBindings() -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(hashes)
        return bindings
    }

    func decodeRow(_ row: PostgresRow) throws -> Row {
        try row.decode(Row.self)
    }
}
