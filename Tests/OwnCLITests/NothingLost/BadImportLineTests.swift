import Foundation
import OwnCore
import Testing

@Suite("Malformed import lines: each refused with its line number and a reason, the ledger unchanged")
struct BadImportLineTests {
    static let good = #"{"id":"g1","loop":"L","at":"2026-11-20T09:00:00Z","by":"ana","type":"created","title":"Good"}"#

    static let cases: [(String, String, String)] = [
        (
            "wrong type for a field",
            #"{"id":"b","loop":"L","at":"2026-11-20T10:00:00Z","by":"ana","type":"noted","note":["x"]}"#,
            "\"note\" must be a string"
        ),
        (
            "number as a string",
            #"{"id":"b","loop":"L","at":"2026-11-20T10:00:00Z","by":"ana","type":"scopeChanged","estimateHours":"10"}"#,
            "estimateHours"
        ),
        ("missing loop", #"{"id":"b","at":"2026-11-20T10:00:00Z","by":"ana","type":"started"}"#, "missing \"loop\""),
        ("missing type", #"{"id":"b","loop":"L","at":"2026-11-20T10:00:00Z","by":"ana"}"#, "missing \"type\""),
        (
            "missing required field",
            #"{"id":"b","loop":"L","at":"2026-11-20T10:00:00Z","by":"ana","type":"handedOff"}"#, "needs \"to\""
        ),
        (
            "unknown type", #"{"id":"b","loop":"L","at":"2026-11-20T10:00:00Z","by":"ana","type":"teleported"}"#,
            "unknown type"
        ),
        ("invalid date", #"{"id":"b","loop":"L","at":"2026-02-30T10:00:00Z","by":"ana","type":"started"}"#, "\"at\""),
        (
            "invalid due",
            #"{"id":"b","loop":"L","at":"2026-11-20T10:00:00Z","by":"ana","type":"dueChanged","due":"next week"}"#,
            "\"due\""
        ),
        (
            "duplicate id, other content",
            #"{"id":"g1","loop":"L","at":"2026-11-20T09:00:00Z","by":"ana","type":"created","title":"Other"}"#,
            "different content"
        ),
        ("not an object", #"["id","b"]"#, "JSON object"),
        ("truncated", #"{"id":"b","loop":"L","at":"2026-11-20T10:00:00Z""#, "not JSON"),
        (
            "a second created",
            #"{"id":"b","loop":"L","at":"2026-11-20T10:00:00Z","by":"ana","type":"created","title":"Again"}"#,
            "already has a created event"
        ),
        (
            "no created",
            #"{"id":"b","loop":"M","at":"2026-11-20T10:00:00Z","by":"ana","type":"noted","note":"x"}"#,
            "has no created event"
        ),
        (
            "before its creation",
            #"{"id":"b","loop":"L","at":"2026-11-19T10:00:00Z","by":"ana","type":"noted","note":"x"}"#,
            "dated before loop"
        ),
        (
            "blank title",
            #"{"id":"b","loop":"M","at":"2026-11-20T10:00:00Z","by":"ana","type":"created","title":" \n"}"#,
            "\"title\" cannot be blank"
        ),
        (
            "blank done-when",
            #"{"id":"b","loop":"M","at":"2026-11-20T10:00:00Z","by":"ana","type":"created","title":"x","doneWhen":"   "}"#,
            "\"doneWhen\" cannot be blank"
        ),
        (
            "blank answer in an edit",
            #"{"id":"b","loop":"L","at":"2026-11-20T10:00:00Z","by":"ana","type":"edited","ifItFails":"\n"}"#,
            "\"ifItFails\" cannot be blank"
        ),
        (
            "empty key", #"{"id":"b","loop":"","at":"2026-11-20T10:00:00Z","by":"ana","type":"started"}"#,
            "\"loop\" must be a non-empty string"
        ),
        (
            "key reads as a number",
            #"{"id":"b","loop":"5","at":"2026-11-20T10:00:00Z","by":"ana","type":"created","title":"x"}"#,
            "loop number"
        ),
        (
            "key with an escape",
            #"{"id":"b","loop":"a\u001bb","at":"2026-11-20T10:00:00Z","by":"ana","type":"created","title":"x"}"#,
            "control characters"
        ),
        (
            "told that is not a list, on a risk",
            #"{"id":"b","loop":"L","at":"2026-11-20T10:00:00Z","by":"ana","type":"risk","note":"x","told":5}"#,
            "\"told\" must be a list of people's names"
        ),
        (
            "a hand-off to no one",
            #"{"id":"b","loop":"L","at":"2026-11-20T10:00:00Z","by":"ana","type":"handedOff","to":"nobody"}"#,
            "\"to\" must be a person's name (not blank, at most 64 characters; all, none and nobody name no one)"
        ),
        // A team server on PostgreSQL indexes ids and names with the team: a longer one stopped every
        // push that held it (and the notices of every team).
        (
            "an id longer than a key",
            #"{"id":"\#(String(repeating: "i", count: 201))","loop":"L","at":"2026-11-20T10:00:00Z","by":"ana","type":"noted","note":"x"}"#,
            "\"id\" has at most 200 characters"
        ),
        (
            "a name longer than 64 characters",
            #"{"id":"b","loop":"L","at":"2026-11-20T10:00:00Z","by":"ana","type":"risk","note":"x","told":["\#(String(repeating: "🦊", count: 65))"]}"#,
            "\"told\" must be a list of people's names (not blank, at most 64 characters"
        ),
        (
            "a line break in a name it affects",
            #"{"id":"b","loop":"L","at":"2026-11-20T10:00:00Z","by":"ana","type":"created","title":"x","affects":["a\nb"]}"#,
            "\"affects\" must be a list of people's names"
        ),
        (
            "an event in year 0",
            #"{"id":"b","loop":"L","at":"0000-01-01T00:00:00Z","by":"ana","type":"noted","note":"x"}"#,
            "\"at\" must be from 1970 to 3999"
        ),
        (
            "a hand-off to a blank name",
            #"{"id":"b","loop":"L","at":"2026-11-20T10:00:00Z","by":"ana","type":"handedOff","to":"  "}"#,
            "\"to\" must be a person's name (not blank"
        ),
        (
            "a loop owned by a name with a line break",
            #"{"id":"b","loop":"M","at":"2026-11-20T10:00:00Z","by":"ana","type":"created","title":"x","owner":"x\ny"}"#,
            "\"owner\" must be a person's name"
        ),
        (
            "a loop owned by everyone",
            #"{"id":"b","loop":"M","at":"2026-11-20T10:00:00Z","by":"ana","type":"created","title":"x","owner":"All"}"#,
            "\"owner\" must be a person's name"
        ),
        (
            "bad enum",
            #"{"id":"b","loop":"L","at":"2026-11-20T10:00:00Z","by":"ana","type":"staged","stage":"shipping"}"#, "stage"
        ),
    ]

    @Test(arguments: cases)
    func refused(name: String, line: String, reason: String) throws {
        let own = OwnBinary()
        #expect(own("import", own.file("base.jsonl", Self.good + "\n")).code == 0)
        let before = own("export").stdout
        let file = own.file(
            "bad.jsonl",
            Self.good + "\n" + #"{"id":"g2","loop":"L","at":"2026-11-20T09:30:00Z","by":"ana","type":"started"}"# + "\n"
                + line + "\n"
        )
        let run = own("import", file)
        #expect(run.code == 2, "\(name): \(run.stderr)")
        #expect(run.stderr.contains("bad.jsonl:3:"), "\(name): \(run.stderr)")
        #expect(run.stderr.contains(reason), "\(name): \(run.stderr)")
        #expect(own("export").stdout == before, "\(name): nothing imported")
    }

    /// Every command trims the names it is given, and an import reads the names in a line so too: a
    /// person named with blanks around them (by hand, or in the export of a ledger an older `own`
    /// imported them into) is the person every command names. The line is kept as written.
    @Test func aNameWithBlanksAroundItIsThePersonTrimmed() throws {
        let own = OwnBinary()
        let lines = [
            Self.good,
            #"{"id":"b","loop":"L","at":"2026-11-20T10:00:00Z","by":" lee ","type":"noted","note":"x"}"#,
            #"{"id":"c","loop":"L","at":"2026-11-20T11:00:00Z","by":"ana","type":"handedOff","to":"bo\u00a0"}"#,
            #"{"id":"d","loop":"@away","at":"2026-11-20T10:00:00Z","by":"ana","type":"away","person":" ana","from":"2026-12-01","until":"2026-12-02"}"#,
        ]
        let run = own("import", own.file("padded.jsonl", lines.joined(separator: "\n") + "\n"))
        #expect(run.code == 0, "\(run.stderr)")
        let shown = try JSONParser.parse(own("show", "L", "--json").stdout).objectValue?["loop"]?.objectValue
        #expect(shown?["owner"] == "bo", "\(String(describing: shown))")
        #expect(shown?["delegatedBy"] == "ana", "\(String(describing: shown))")
        #expect(own("list", "--owner", "bo").stdout.contains("Good"))
        #expect(own("away", "--list", "--owner", "ana").stdout.hasPrefix("ana: Away Tue 1 Dec"))
        // As written, so an export imports again to the same ledger.
        #expect(own("export").stdout == lines.joined(separator: "\n") + "\n")
    }

    @Test func aTenMegabyteLineIsRefusedByNumber() {
        let own = OwnBinary()
        let huge =
            #"{"id":"h","loop":"L","at":"2026-11-20T10:00:00Z","by":"ana","type":"noted","note":""#
            + String(repeating: "x", count: 10 << 20) + "\"}"
        let run = own("import", own.file("huge.jsonl", Self.good + "\n" + huge + "\n"))
        #expect(run.code == 2)
        #expect(run.stderr.contains(":2: the line is longer than 1 MiB"), "\(run.stderr)")
        #expect(own("export").stdout.isEmpty)
    }

    @Test func invalidUTF8IsRefusedByNumber() {
        let own = OwnBinary()
        var bytes = Data((Self.good + "\n").utf8)
        bytes.append(
            contentsOf: Array(
                #"{"id":"u","loop":"L","at":"2026-11-20T10:00:00Z","by":"ana","type":"noted","note":""#.utf8
            )
        )
        bytes.append(contentsOf: [0xC3, 0x28, 0xFF])
        bytes.append(contentsOf: Array("\"}\n".utf8))
        let path = own.folder + "/latin.jsonl"
        FileManager.default.createFile(atPath: path, contents: bytes)
        let run = own("import", path)
        #expect(run.code == 2)
        #expect(run.stderr.contains(":2: the line is not valid UTF-8"), "\(run.stderr)")
        #expect(own("export").stdout.isEmpty)
    }
}
