import Foundation
import OwnCore
import OwnStore
import Testing

/// Lines of a ledger: `loops` loops of `perLoop` events each, every id prefixed so rounds differ.
func generatedLedger(prefix: String, loops: Int, perLoop: Int) -> String {
    var text = ""
    for loop in 0..<loops {
        let key = "\(prefix)-loop-\(loop)"
        text +=
            #"{"id":"\#(key)-0","loop":"\#(key)","at":"2026-11-20T09:00:00Z","by":"ana","type":"created","title":"Loop \#(loop)"}"#
        text += "\n"
        for index in 1..<perLoop {
            text +=
                #"{"id":"\#(key)-\#(index)","loop":"\#(key)","at":"2026-11-20T10:00:00Z","by":"ana","type":"noted","note":"note \#(index)"}"#
            text += "\n"
        }
    }
    return text
}

/// Whether another process holds the ledger's write lock now: `sqlite3` fails to begin a write
/// transaction without waiting.
func writeLockIsHeld(_ ledger: String) -> Bool {
    let probe = Process()
    probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    probe.arguments = ["sqlite3", "-cmd", ".timeout 0", ledger, "BEGIN IMMEDIATE; ROLLBACK;"]
    probe.standardOutput = FileHandle.nullDevice
    probe.standardError = FileHandle.nullDevice
    guard (try? probe.run()) != nil else { return false }
    probe.waitUntilExit()
    return probe.terminationStatus != 0
}

/// Starts `own` without waiting, so the test can kill it.
func launch(_ own: OwnBinary, _ arguments: [String]) throws -> Process {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: OwnBinary.executable)
    process.arguments = arguments
    process.environment = own.environment
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    return process
}

@Suite("Crash safety: SIGKILL at random moments loses nothing that was reported done", .serialized)
struct CrashSafetyTests {
    static let hasSQLite3 =
        FileManager.default.isExecutableFile(atPath: "/usr/bin/sqlite3")
        || (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/sqlite3")
        }

    @Test(.enabled(if: hasSQLite3, "the sqlite3 shell (scripts/test installs it) shows when the import holds the lock"))
    func killedImportsAndNotesAreAllOrNothing() async throws {
        let own = OwnBinary()
        #expect(own("add", "The loop notes go to", "--key", "target").code == 0)
        var killedMidWrite: [String] = []
        var confirmedNotes: Set<String> = []
        var attemptedNotes: Set<String> = []
        var completedRounds: [String] = []
        var killedRounds: [String] = []
        var generator = SystemRandomNumberGenerator()
        // 12 rounds, and more (up to 40) until a kill has landed mid-write: on a busy machine an import
        // can finish before the lock is seen, and the test must still prove what it claims.
        // Each round's events, by its prefix: 300 loops of 10, and ten times as many once twelve
        // rounds have passed without a kill mid-write (a release build imports 3,000 events before
        // the lock is seen).
        var eventsByRound: [String: Int] = [:]
        var round = -1
        while round < 11 || (killedMidWrite.isEmpty && round < 39) {
            round += 1
            let prefix = "r\(round)"
            let loops = round < 12 ? 300 : 3_000
            eventsByRound[prefix] = loops * 10
            let file = own.file("\(prefix).jsonl", generatedLedger(prefix: prefix, loops: loops, perLoop: 10))
            let importer = try launch(own, ["import", file])
            // Odd rounds: a few notes one after another while the import runs; some are killed
            // mid-way. Even rounds: no notes, so the import is caught (below) inside its transaction.
            // Counted, not timed: the same work whatever the machine's load.
            let notesThisRound = round.isMultiple(of: 2) ? 0 : Int.random(in: 1...8, using: &generator)
            for index in 0..<notesThisRound {
                let text = "\(prefix)-note-\(index)"
                attemptedNotes.insert(text)
                let note = try launch(own, ["note", "target", text])
                if Bool.random(using: &generator) {
                    usleep(UInt32.random(in: 0...15_000, using: &generator))
                    kill(note.processIdentifier, SIGKILL)
                }
                note.waitUntilExit()
                if note.terminationReason == .exit, note.terminationStatus == 0 { confirmedNotes.insert(text) }
            }
            // Every note has finished: a held write lock now is the import's open transaction. Kill it
            // the moment it is seen, so that most rounds die mid-write.
            var sawTransaction = false
            while importer.isRunning, !sawTransaction { sawTransaction = writeLockIsHeld(own.ledger) }
            if sawTransaction { usleep(UInt32.random(in: 0...20_000, using: &generator)) }
            kill(importer.processIdentifier, SIGKILL)
            importer.waitUntilExit()
            // Killed inside its transaction only when it left nothing: a fast import can commit
            // between the lock being seen and the kill, and is then still running (closing up).
            if sawTransaction, importer.terminationReason == .uncaughtSignal,
                own("show", "\(prefix)-loop-0").code != 0
            {
                killedMidWrite.append(prefix)
            }
            if importer.terminationReason == .exit, importer.terminationStatus == 0 {
                completedRounds.append(prefix)
            } else {
                killedRounds.append(prefix)
            }
        }

        let exported = own("export")
        #expect(exported.code == 0, "\(exported.stderr)")
        var idsByRound: [String: Int] = [:]
        var notes: [String: Int] = [:]
        for line in exported.stdout.split(separator: "\n") {
            let event = try Event(jsonLine: String(line), makeID: { "" })
            if event.loop == "target", let note = event.string("note") { notes[note, default: 0] += 1 }
            if let prefix = event.id.split(separator: "-").first, event.id.contains("-loop-") {
                idsByRound[String(prefix), default: 0] += 1
            }
        }
        for prefix in completedRounds {
            #expect(idsByRound[prefix] == eventsByRound[prefix], "an import that reported success is all there")
        }
        for prefix in killedRounds {
            #expect([nil, eventsByRound[prefix]].contains(idsByRound[prefix]), "a killed import left all or nothing")
        }
        #expect(confirmedNotes.isSubset(of: Set(notes.keys)), "every note that reported success is in the ledger")
        #expect(Set(notes.keys).isSubset(of: attemptedNotes))
        #expect(notes.values.allSatisfy { $0 == 1 }, "no note is recorded twice")
        #expect(try SQLiteLedger(path: own.ledger).integrityCheck() == ["ok"])
        // Proof that kills landed inside a write: the import held the lock, was killed, and its
        // transaction left nothing, while every earlier committed round is whole (checked above).
        let lostWholesale = killedMidWrite.filter { idsByRound[$0] == nil }
        #expect(!lostWholesale.isEmpty, "some import was killed mid-transaction: \(killedMidWrite) of \(killedRounds)")
    }
}

@Suite("Parallel writers wait for each other and lose nothing")
struct ParallelWritersTests {
    @Test func eightWritersOfFiveHundredNotesEach() throws {
        let own = OwnBinary()
        own.succeeds("add", "Shared loop", "--key", "shared")
        let script = """
            for i in $(seq 1 500); do
              "$OWN" note shared "writer-$W-$i" >/dev/null 2>>"$ERRORS" || echo "writer-$W-$i" >>"$ERRORS"
            done
            """
        var writers: [Process] = []
        for writer in 1...8 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sh")
            process.arguments = ["-c", script]
            // What is asserted is nothing lost and nothing torn, not how long a writer waits: on a
            // loaded machine 8 writers can keep one waiting past the default 10 s, so it waits longer.
            process.environment = own.environment.merging(
                [
                    "OWN": OwnBinary.executable, "W": "\(writer)", "ERRORS": own.folder + "/errors-\(writer)",
                    "OWN_BUSY_TIMEOUT": "120",
                ]
            ) { $1 }
            try process.run()
            writers.append(process)
        }
        for writer in writers { writer.waitUntilExit() }
        var errors = ""
        for writer in 1...8 {
            errors += (try? String(contentsOfFile: own.folder + "/errors-\(writer)", encoding: .utf8)) ?? ""
        }
        #expect(errors.isEmpty, "no writer saw an error: \(errors.prefix(500))")
        #expect(!errors.contains("locked"))

        let shown = own("show", "shared", "--json")
        let events = try JSONParser.parse(shown.stdout).objectValue?["events"]?.arrayValue ?? []
        let notes = events.compactMap { $0.objectValue?["note"]?.stringValue }
        #expect(notes.count == 4000)
        #expect(Set(notes).count == 4000, "none lost, none duplicated")
        #expect(try SQLiteLedger(path: own.ledger).integrityCheck() == ["ok"])
    }
}
