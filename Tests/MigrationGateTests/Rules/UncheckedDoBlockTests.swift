import MigrationGate
import Testing

@Suite("unchecked-do-block")
struct UncheckedDoBlockTests {
    @Test(arguments: [
        "SET lock_timeout = '2s';\n»DO $$ BEGIN IF true THEN ALTER TABLE users ADD COLUMN age int NOT NULL; END IF; END $$;",
        "»DO $body$ BEGIN EXECUTE 'CREATE INDEX i ON users (age)'; END $body$;",
        "»do language plpgsql $$ begin drop table if exists old_users; end $$;",
        "»DO $$ BEGIN EXECUTE format('ALTER TABLE %I ADD COLUMN a int', 't'); END $$;",
        "»DO $$ BEGIN FOR r IN SELECT 1 LOOP -- alter later\nLOCK TABLE users; END LOOP; END $$;",
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
        // The words in a string, a comment, or as a column's name inside a statement.
        "DO $$ BEGIN RAISE NOTICE 'please drop by'; END $$;",
        "DO $$ BEGIN UPDATE small SET created_at = now() WHERE comment IS NULL; END $$;",
        "DO $$ BEGIN FOR r IN SELECT * FROM small LOOP UPDATE small SET lock = 1; END LOOP; END $$;",
        "DO $$ BEGIN -- alter later\nUPDATE small SET a = 1; END $$;",
    ])
    func acceptsADoBlockThatChangesNoSchema(sql: String) {
        #expect(run(sql, rule: "unchecked-do-block").found.isEmpty)
    }
}
