import MigrationGate
import Testing

@Suite("table sizes files")
struct TableSizesTests {
    @Test func readsCSVWithEmptyBytesAndQualifiedNames() throws {
        let csv = "table,rows,bytes\nusers,2500000,\nbilling.\"Invoices\",12,8192\n"
        let sizes = try TableSizes.parse(csv, path: "sizes.csv")
        #expect(sizes.tables["public.users"] == TableSize(rows: 2_500_000, bytes: nil))
        #expect(sizes.tables["billing.Invoices"] == TableSize(rows: 12, bytes: 8192))
    }

    /// A spreadsheet's "CSV UTF-8" begins with a byte-order mark: no part of the header's first column.
    @Test func aCSVWithAByteOrderMarkIsRead() throws {
        let sizes = try TableSizes.parse("\u{FEFF}table,rows,bytes\nusers,2500000,\n", path: "sizes.csv")
        #expect(sizes.tables["public.users"] == TableSize(rows: 2_500_000, bytes: nil))
    }

    /// PostgreSQL keeps -1 rows for a table never analyzed: a negative count is unknown, not small.
    @Test func aNegativeCountIsUnknown() throws {
        let csv = try TableSizes.parse("table,rows,bytes\nusers,-1,-1\n", path: "sizes.csv")
        #expect(csv.tables["public.users"] == TableSize(rows: nil, bytes: nil))
        let json = try TableSizes.parse(#"{"tables": [{"table": "users", "rows": -1, "bytes": 8192}]}"#, path: "s.json")
        #expect(json.tables["public.users"] == TableSize(rows: nil, bytes: 8192))
    }

    @Test func readsBackTheJSONThatStatsWrites() throws {
        let sizes = TableSizes(
            ["public.users": TableSize(rows: 5, bytes: 16_384), "app.events": TableSize(rows: nil, bytes: 1)],
            indexes: ["public.users_pkey": "public.users"]
        )
        let again = try TableSizes.parse(sizes.jsonDocument(), path: "sizes.json")
        #expect(again == sizes)
    }

    @Test func mixedCaseNamesAndUnknownCountsSurviveTheRoundTrip() throws {
        let sizes = TableSizes(
            ["public.Users": TableSize(rows: nil, bytes: 8192), "Billing.invoices": TableSize(rows: 3, bytes: nil)],
            indexes: ["public.Users_pkey": "public.Users"]
        )
        let document = sizes.jsonDocument()
        #expect(document.contains(#""table" : "public.\"Users\"""#), "\(document)")
        #expect(document.contains(#""rows" : null"#))
        #expect(document.contains(#""bytes" : null"#))
        #expect(try TableSizes.parse(document, path: "sizes.json") == sizes)
    }

    @Test func aLargeTableNeverAnalyzedIsAWarningNotSilence() {
        // PostgreSQL's reltuples is -1 until ANALYZE: the row count is unknown, the bytes are not.
        let sizes = TableSizes(["public.events": TableSize(rows: nil, bytes: 40_000_000_000)])
        let file = MigrationFile(path: "m.sql", text: "CREATE INDEX e ON events (a);")
        let finding = Gate.check([file], settings: RuleSettings(), sizes: sizes).findings.first {
            $0.rule == "index-without-concurrently"
        }
        #expect(finding?.severity == .warning)
        #expect(finding?.message.contains("row count is unknown") == true, "\(String(describing: finding?.message))")
        // With --large-bytes the bytes decide.
        let withBytes = Gate.check([file], settings: RuleSettings(largeBytes: 1_000_000), sizes: sizes)
        #expect(withBytes.findings.first { $0.rule == "index-without-concurrently" }?.severity == .error)
    }

    /// A table large by `--large-bytes` only is said so: "it has about 5 rows" read as a false alarm.
    @Test func aTableLargeByItsBytesAloneSaysItsBytes() {
        let sizes = TableSizes(["public.users": TableSize(rows: 5, bytes: 5_000)])
        let file = MigrationFile(path: "m.sql", text: "CREATE INDEX u ON users (a);")
        let finding = Gate.check([file], settings: RuleSettings(largeBytes: 4_000), sizes: sizes).findings.first {
            $0.rule == "index-without-concurrently"
        }
        #expect(finding?.severity == .error)
        #expect(
            finding?.message.contains("it takes 5000 bytes (about 5 rows)") == true,
            "\(String(describing: finding))"
        )
    }

    @Test(arguments: ["", "name,count\nusers,1", "table,rows\nusers,many", "{\"tables\": 3}"])
    func rejectsMalformedFilesWithAnActionableError(text: String) {
        #expect(throws: GateError.self) { try TableSizes.parse(text, path: "bad.csv") }
        var message = ""
        do {
            _ = try TableSizes.parse(text, path: "bad.csv")
        } catch {
            message = error.errorDescription ?? ""
        }
        #expect(message.contains("bad.csv"))
    }

    /// A table given twice (`Users` unquoted is `users`; `users` is `public.users`) is refused: the last
    /// size silently won, and a small one hid a large table from every rule that needs its size.
    @Test(arguments: [
        ("table,rows\nusers,5000000\nUsers,10\n", "line 3: Users is listed twice (also as users on line 2)"),
        (#"[{"table": "public.users", "rows": 5000000}, {"table": "users", "rows": 10}]"#, "also as public.users"),
    ])
    func aTableListedTwiceIsRefused(text: String, reason: String) {
        #expect {
            _ = try TableSizes.parse(text, path: "sizes")
        } throws: { error in
            (error as? GateError)?.errorDescription?.contains(reason) == true
        }
        // Quoted in SQL (and so doubled in CSV), "Users" is another table.
        let quoted = try? TableSizes.parse("table,rows\nusers,5\n\"\"\"Users\"\"\",10\n", path: "sizes")
        #expect(quoted?.tables.count == 2)
    }

    /// A name with a space, unquoted, is no table's: read as names, `public.big table` was `big.table`,
    /// and the size went to no table without a word.
    @Test(arguments: ["table,rows\npublic.big table,5000000\n", #"[{"table": "big table", "rows": 5}]"#])
    func aNameThatIsNoTablesIsRefused(text: String) {
        #expect {
            _ = try TableSizes.parse(text, path: "sizes")
        } throws: { error in
            (error as? GateError)?.errorDescription?.contains("is not a table name: quote one") == true
        }
        let quoted = try? TableSizes.parse("table,rows\npublic.\"big table\",5\n", path: "sizes")
        #expect(quoted?.tables["public.big table"] == TableSize(rows: 5, bytes: nil))
    }

    @Test func jsonWithoutIndexesIsStillRead() throws {
        let sizes = try TableSizes.parse("{\"tables\": [{\"table\": \"users\", \"rows\": 3}]}", path: "s.json")
        #expect(sizes.tables["public.users"]?.rows == 3)
        #expect(sizes.indexes.isEmpty)
    }

    @Test func bytesThresholdMakesATableLarge() {
        let sizes = TableSizes(["public.blobs": TableSize(rows: 10, bytes: 50_000_000_000)])
        let file = MigrationFile(path: "m.sql", text: "CREATE INDEX b ON blobs (a);")
        let withBytes = Gate.check([file], settings: RuleSettings(largeBytes: 10_000_000_000), sizes: sizes)
        let withoutBytes = Gate.check([file], settings: RuleSettings(), sizes: sizes)
        #expect(withBytes.findings.first { $0.rule == "index-without-concurrently" }?.severity == .error)
        #expect(withoutBytes.findings.first { $0.rule == "index-without-concurrently" } == nil)
    }
}
