import Foundation
import OwnStore
import Testing

/// The bytes of a file, to prove a failed command did not touch it.
private func contents(_ path: String) -> Data? {
    FileManager.default.contents(atPath: path)
}

@Suite("Full disks, read-only, corrupt and foreign files: a clear error, exit 3, the data intact")
struct StorageFaultTests {
    @Test func aWritePastTheFileSizeLimitFailsCleanly() throws {
        let own = OwnBinary()
        own.succeeds("add", "Existing loop")
        let before = own("export").stdout
        let file = own.file("big.jsonl", generatedLedger(prefix: "big", loops: 400, perLoop: 10))
        // 200 KiB of file size: the WAL cannot hold this import.
        let run = own.shell("ulimit -f 400; exec \"$OWN\" import \(file)")
        #expect(run.code == 3, "\(run.stderr)")
        #expect(run.stderr.hasPrefix("own: ") && run.stderr.contains("nothing was written"), "\(run.stderr)")
        #expect(own("export").stdout == before)
        #expect(try SQLiteLedger(path: own.ledger).integrityCheck() == ["ok"])
    }

    /// A new ledger whose first write fails (the disk full, or the file past its size limit) is not
    /// left behind: it was, its schema in the WAL, since the check that removes it could not open it
    /// to write.
    @Test func aNewLedgerWhoseFirstWriteFailsIsNotLeftBehind() {
        let own = OwnBinary()
        // Failed as a full disk, or as an I/O error past the limit (the WAL's index at it too).
        for limit in [8, 16, 40] {
            let path = own.folder + "/new-\(limit).sqlite"
            let run = own.shell("ulimit -f \(limit); exec \"$OWN\" add 'Does not land' --db \(path)")
            #expect(run.code == 3, "\(limit): \(run.stderr)")
            for suffix in ["", "-wal", "-shm"] {
                #expect(!FileManager.default.fileExists(atPath: path + suffix), "\(limit)\(suffix) left: \(run.stderr)")
            }
        }
    }

    @Test func aReadOnlyLedgerReadsButRefusesWrites() throws {
        let own = OwnBinary()
        own.succeeds("add", "Existing loop")
        let before = own("export").stdout
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: own.ledger)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: own.folder)
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: own.folder) }
        // root writes through file modes; run as nobody then.
        let prefix = getuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : ""
        let run = own.shell(prefix + "\"$OWN\" note 1 'cannot land'")
        #expect(run.code == 3, "\(run.stderr)")
        #expect(run.stderr.contains("read-only") || run.stderr.contains("cannot open"), "\(run.stderr)")
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: own.folder)
        #expect(own("export").stdout == before)
    }

    /// A read of a read-only ledger leaves SQLite's `-shm` beside it read-only too: once the ledger
    /// is writable again, a write names that file, which it did not ("the ledger is read-only").
    @Test func aReadOnlyFileBesideAWritableLedgerIsNamed() throws {
        let own = OwnBinary()
        own.succeeds("add", "Existing loop")
        let (folder, copy) = try own.copyOfLedger(in: "shared")
        #expect(chmod(folder, 0o777) == 0 && chmod(copy, 0o444) == 0)
        // root writes through file modes; run as nobody then.
        let prefix = getuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : ""
        #expect(own.shell(prefix + "\"$OWN\" list --db \(copy)").code == 0)
        #expect(chmod(copy, 0o666) == 0)
        let write = own.shell(prefix + "\"$OWN\" note 1 'lands later' --db \(copy)")
        #expect(write.code == 3, "\(write.stderr)")
        #expect(
            write.stderr.contains("\(copy)-shm, SQLite's file beside it, is read-only for you"),
            "\(write.stderr)"
        )
        #expect(chmod(copy + "-shm", 0o666) == 0)
        #expect(own.shell(prefix + "\"$OWN\" note 1 'lands now' --db \(copy)").code == 0)
    }

    @Test func aTruncatedLedgerIsRefusedAndNotOverwritten() throws {
        let own = OwnBinary()
        for index in 0..<200 { own.succeeds("add", "Loop \(index) with a long enough title to fill pages of the file") }
        let whole = try #require(contents(own.ledger))
        let truncated = own.folder + "/truncated.sqlite"
        FileManager.default.createFile(atPath: truncated, contents: whole.prefix(whole.count / 2))
        let run = own("list", "--all", "--db", truncated)
        #expect(run.code == 3, "\(run.stderr)")
        #expect(
            run.stderr.contains("is not an own ledger") || run.stderr.contains("could not be used"),
            "\(run.stderr)"
        )
        #expect(contents(truncated) == whole.prefix(whole.count / 2))
        #expect(own("note", "1", "x", "--db", truncated).code == 3)
        #expect(contents(truncated) == whole.prefix(whole.count / 2))
    }

    @Test func aLedgerFromANewerVersionIsRefusedUntouched() throws {
        let own = OwnBinary()
        own.succeeds("add", "Existing loop")
        // What a newer own leaves: a migration this one does not know, counted in the header.
        let sqlite = own.shell(
            "sqlite3 \(own.ledger) \"INSERT INTO grdb_migrations VALUES ('v99: from the future'); PRAGMA user_version = 99\""
        )
        #expect(sqlite.code == 0, "the sqlite3 command line tool is needed: \(sqlite.stderr)")
        let before = contents(own.ledger)
        let run = own("note", "1", "x")
        #expect(run.code == 3)
        #expect(run.stderr.contains("newer version of own"), "\(run.stderr)")
        #expect(contents(own.ledger) == before)
    }

    @Test func aWriterThatCannotGetTheLockSaysSoAndChangesNothing() throws {
        let own = OwnBinary()
        own.succeeds("add", "Contended loop")
        let before = own("export").stdout
        // sqlite3 takes the write lock and says so, then holds it until own is done; own waits a
        // quarter of a second.
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["sqlite3", "-bail", own.ledger]
        let input = Pipe()
        let output = Pipe()
        holder.standardInput = input
        holder.standardOutput = output
        try holder.run()
        input.fileHandleForWriting.write(Data("BEGIN IMMEDIATE;\n.shell echo locked\n".utf8))
        var said = ""
        while !said.contains("locked\n") {
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { break }
            said += String(decoding: data, as: UTF8.self)
        }
        #expect(said == "locked\n", "sqlite3 did not take the lock")
        let run = own("note", "1", "blocked by the lock", environment: ["OWN_BUSY_TIMEOUT": "0.25"])
        input.fileHandleForWriting.write(Data("COMMIT;\n".utf8))
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
        #expect(holder.terminationStatus == 0)
        #expect(run.code == 3)
        #expect(run.stderr.contains("stayed busy"), "\(run.stderr)")
        #expect(own("export").stdout == before)
    }
}
