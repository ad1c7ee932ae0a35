import MigrationGate
import Testing

@Suite("vacuum-full")
struct VacuumFullTests {
    @Test(arguments: [
        "»VACUUM FULL orders;",
        "»VACUUM (FULL, ANALYZE) orders;",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "vacuum-full")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "VACUUM orders;",
        "VACUUM (ANALYZE) orders;",
        "VACUUM FULL tiny;",
        // A boolean option written false, as PostgreSQL reads 0 and no.
        "VACUUM (FULL 0) orders;",
        "VACUUM (FULL no, ANALYZE) orders;",
        "VACUUM (FULL false) orders;",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "vacuum-full").found.isEmpty)
    }

    @Test(arguments: [
        ("orders", Severity?.some(.error)),
        ("billing.invoices", Severity?.some(.error)),
        ("mystery", Severity?.some(.warning)),
        ("tiny", Severity?.none),
    ])
    func severityFollowsTheTableSize(table: String, expected: Severity?) {
        let sql = "VACUUM FULL {t};".replacing("{t}", with: table)
        #expect(run(sql, rule: "vacuum-full").found.first?.severity == expected)
    }
}
