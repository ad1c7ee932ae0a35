import MigrationGate
import Testing

@Suite("nested-transaction")
struct NestedTransactionTests {
    @Test(arguments: [
        "BEGIN;\n»BEGIN;\nCOMMIT;"
    ])
    func reportsTheMarkedStatement(sql: String) {
        let result = run(sql, rule: "nested-transaction")
        #expect(positions(result.found) == result.expected)
    }

    @Test(arguments: [
        "BEGIN;\nCOMMIT;\nBEGIN;\nCOMMIT;"
    ])
    func acceptsTheSafeForm(sql: String) {
        #expect(run(sql, rule: "nested-transaction").found.isEmpty)
    }

    @Test func underAnAssumedTransactionBothBeginAndCommitAreReported() {
        let result = run(
            "»BEGIN;\nSELECT 1;\n»COMMIT;",
            rule: "nested-transaction",
            settings: RuleSettings(assumeTransaction: true)
        )
        #expect(positions(result.found) == result.expected)
    }

    /// The first COMMIT ends the runner's transaction; the file's own BEGIN after it opens one that
    /// its own COMMIT ends, which is no business of the runner's.
    @Test func underAnAssumedTransactionACommitOfTheFilesOwnLaterTransactionIsNotReported() {
        let result = run(
            "»BEGIN;\nSELECT 1;\n»COMMIT;\nBEGIN;\nSELECT 2;\nCOMMIT;",
            rule: "nested-transaction",
            settings: RuleSettings(assumeTransaction: true)
        )
        #expect(positions(result.found) == result.expected)
        #expect(
            result.found.map(\.message).last
                == "this ends the transaction the migration runner manages; later statements run outside it"
        )
    }
}
