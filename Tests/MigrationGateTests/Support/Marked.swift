import MigrationGate

/// SQL with `»` markers where findings are expected; the markers are removed before checking.
struct Marked {
    var sql: String
    var positions: [SourcePosition]

    init(_ text: String) {
        var sql = ""
        var positions: [SourcePosition] = []
        var line = 1
        var column = 1
        for scalar in text.unicodeScalars {
            if scalar == "»" {
                positions.append(SourcePosition(line: line, column: column))
                continue
            }
            sql.unicodeScalars.append(scalar)
            if scalar == "\n" {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        self.sql = sql
        self.positions = positions
    }
}

/// Table sizes used across the rule tests: `orders` is large, `tiny` is small, others unknown.
let testSizes = TableSizes(
    [
        "public.orders": TableSize(rows: 5_000_000, bytes: 4_000_000_000),
        "public.tiny": TableSize(rows: 12, bytes: 8_192),
        "billing.invoices": TableSize(rows: 2_000_000, bytes: nil),
    ],
    indexes: ["public.orders_placed": "public.orders", "public.tiny_name": "public.tiny"]
)

/// Runs the gate on marked SQL and returns the expected positions beside the findings of `rule`.
func run(
    _ marked: String,
    rule: String,
    sizes: TableSizes = testSizes,
    settings: RuleSettings = RuleSettings(),
    repository: RepositoryFacts = RepositoryFacts()
) -> (expected: [SourcePosition], found: [Finding]) {
    let input = Marked(marked)
    let file = MigrationFile(path: "migration.sql", text: input.sql)
    let report = Gate.check([file], settings: settings, sizes: sizes, repository: repository)
    return (input.positions, report.findings.filter { $0.rule == rule })
}

/// The start positions of findings.
func positions(_ findings: [Finding]) -> [SourcePosition] {
    findings.map { SourcePosition(line: $0.line, column: $0.column) }
}
