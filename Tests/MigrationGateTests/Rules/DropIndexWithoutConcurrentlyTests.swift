import MigrationGate
import Testing

@Suite("drop-index-without-concurrently")
struct DropIndexWithoutConcurrentlyTests {
    @Test(arguments: [
        "»DROP INDEX orders_placed;",
        "»drop index if exists public.orders_ref, orders_other;",
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "drop-index-without-concurrently")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "DROP INDEX CONCURRENTLY orders_placed;",
        "CREATE INDEX tmp_idx ON tiny (a);\nDROP INDEX tmp_idx;",
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "drop-index-without-concurrently").found.isEmpty)
    }

    @Test(arguments: [
        ("orders_placed", Severity?.some(.error)),
        ("mystery_idx", Severity?.some(.warning)),
        ("tiny_name", Severity?.none),
    ])
    func severityFollowsTheIndexTable(index: String, expected: Severity?) {
        #expect(run("DROP INDEX \(index);", rule: "drop-index-without-concurrently").found.first?.severity == expected)
    }

    /// Several indexes whose tables are unknown are all named, not the first alone.
    @Test func everyIndexOfUnknownTableIsNamed() {
        let message = run("DROP INDEX mystery_a, mystery_b;", rule: "drop-index-without-concurrently").found.first?
            .message
        #expect(message?.hasPrefix("DROP INDEX mystery_a, mystery_b locks their tables") == true, "\(message ?? "")")
    }
}
