import MigrationGate
import Testing

@Suite("unchecked-do-block")
struct UncheckedDoBlockTests {
    @Test(arguments: [
        "SET lock_timeout = '2s';\n»DO $$ BEGIN IF true THEN ALTER TABLE users ADD COLUMN age int NOT NULL; END IF; END $$;",
        "»DO $body$ BEGIN EXECUTE 'CREATE INDEX i ON users (age)'; END $body$;",
        "»do language plpgsql $$ begin drop table if exists old_users; end $$;",
    ])
    func reportsADoBlockThatChangesTheSchema(sql: String) {
        let result = run(sql, rule: "unchecked-do-block")
        #expect(positions(result.found) == result.expected)
        #expect(result.found.allSatisfy { $0.severity == .warning })
    }

    @Test(arguments: [
        "DO $$ BEGIN RAISE NOTICE 'hello'; END $$;",
        "DO $$ BEGIN UPDATE settings SET altered_at = now(); END $$;",
        "CREATE TABLE t (note text DEFAULT 'create');",
    ])
    func acceptsADoBlockThatChangesNoSchema(sql: String) {
        #expect(run(sql, rule: "unchecked-do-block").found.isEmpty)
    }
}
