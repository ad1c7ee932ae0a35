import OwnCore
import Testing

@Suite("Reading interchange lines")
struct EventDecodingTests {
    @Test func keepsUnknownFieldsAndTheOriginalInstant() throws {
        let line =
            #"{"id":"e1","loop":"L1","at":"2026-11-27T09:00:00+09:00","by":"ana","type":"created","title":"x","color":"blue","extra":{"n":[1,2]}}"#
        let event = try Event(jsonLine: line, makeID: { "unused" })
        #expect(event.fields["color"] == "blue")
        #expect(event.atText == "2026-11-27T09:00:00+09:00")
        let again = try Event(jsonLine: event.jsonLine, makeID: { "unused" })
        #expect(again == event)
        #expect(
            event.jsonLine.hasPrefix(
                #"{"id":"e1","loop":"L1","at":"2026-11-27T09:00:00+09:00","by":"ana","type":"created""#
            )
        )
    }

    /// An instant is kept as written, whichever way: in UTC with whole seconds (as `own` writes it, and
    /// read without a text of its own), with an escape, in lowercase, with a fraction or an offset.
    @Test func anInstantIsGivenBackAsWrittenAndEqualAsRead() throws {
        func read(_ at: String, _ rest: String = "") throws -> Event {
            try Event(jsonLine: #"{"id":"e1","loop":"L1","at":"\#(at)","by":"ana","type":"started"\#(rest)}"#) { "" }
        }
        for at in [
            "2026-11-27T09:00:00Z", "2026-11-27t09:00:00z", "2026-11-27T09:00:00.5Z", "2026-11-27T09:00:00+00:00",
            "2026-11-27 09:00:00Z", "2026-11-27T09:00Z", "2026-11-27T23:59:60Z",
        ] {
            let event = try read(at)
            #expect(event.atText == at)
            #expect(try read(event.atText) == event, "\(at)")
        }
        let escaped = try read(#"2026-11-27T09:00:00\u005A"#)
        #expect(escaped == (try read("2026-11-27T09:00:00Z")) && escaped.atText == "2026-11-27T09:00:00Z")
        #expect(try read("2026-11-27T09:00:00Z") != (try read("2026-11-27T09:00:01Z")))
        #expect(try read("2026-11-27T23:59:60Z").at == (try read("2026-11-28T00:00:00Z")).at)
        // Once, whatever the form of either.
        for twice in [#","at":"2026-11-27T09:00:00Z""#, #","at":"2026-11-27T09:00:00+01:00""#] {
            for first in ["2026-11-27T09:00:00Z", "2026-11-27T09:00:00.5Z"] {
                #expect(throws: CoreError.self) { try read(first, twice) }
            }
        }
        for bad in ["2026-02-30T09:00:00Z", "2026-11-27T24:00:00Z", "2026-11-27T09:60:00Z", "2026-11-27T09:00:00"] {
            #expect(throws: CoreError.self, "\(bad)") { try read(bad) }
        }
    }

    /// One text to Swift, two to SQLite: a ledger and a team server must store the one the fold reads.
    @Test func aKeyAndAnIdAreReadAndMadeComposed() throws {
        let line = #"{"id":"cafe\u0301","loop":"re\u0301sume\u0301","at":"2026-11-27T09:00:00Z","by":"ana","#
        let decomposed = try Event(jsonLine: line + #""type":"started"}"#, makeID: { "unused" })
        #expect(Array(decomposed.id.utf8) == Array("caf\u{E9}".utf8))
        #expect(Array(decomposed.loop.utf8) == Array("r\u{E9}sum\u{E9}".utf8))
        let at = instant("2026-11-27T09:00:00Z")
        let made = Event(id: "e\u{301}", loop: "e\u{301}x", at: at, by: "ana", type: .started)
        #expect(Array(made.id.utf8) == Array("\u{E9}".utf8) && Array(made.loop.utf8) == Array("\u{E9}x".utf8))
        let key: String? =
            if case .key(let key) = LoopReference("re\u{301}sume\u{301}") { key } else { nil }
        #expect(key.map { Array($0.utf8) } == Array("r\u{E9}sum\u{E9}".utf8))
    }

    /// A person's name in one form, the composed one, as keys are: "José" with a combining accent,
    /// written as it is or escaped, is José wherever a name is read or made.
    @Test func namesAreReadAndMadeComposed() throws {
        let composed = Array("jos\u{E9}".utf8)
        for written in ["jose\u{301}", #"jose\u0301"#] {
            let line =
                #"{"id":"e1","loop":"L1","at":"2026-11-27T09:00:00Z","by":"\#(written)","type":"handedOff","to":"\#(written)"}"#
            let event = try Event(jsonLine: line, makeID: { "unused" })
            #expect(Array(event.by.utf8) == composed, "\(written)")
            #expect(event.string("to").map { Array($0.utf8) } == composed, "\(written)")
            let stored = try Event(jsonLine: line, checkingFields: false, makeID: { "unused" })
            #expect(Array(stored.by.utf8) == composed, "a stored line too: \(written)")
        }
        let made = Event(
            id: "e2",
            loop: "L1",
            at: instant("2026-11-27T09:00:00Z"),
            by: "jose\u{301}",
            type: .risk,
            fields: ["told": .array([.string("jose\u{301}")]), "note": .string("cafe\u{301}")]
        )
        #expect(Array(made.by.utf8) == composed)
        #expect(made.strings("told").map { Array($0.utf8) } == [composed])
        #expect(made.string("note").map { Array($0.utf8) } == Array("cafe\u{301}".utf8), "a note stays as written")
    }

    /// Characters that show nothing are no part of a name: "ben" and a zero-width joiner looked like ben
    /// and was no one; "neb" after a right-to-left override showed as ben. A name of them only is blank.
    @Test func namesAreReadWithoutCharactersThatShowNothing() throws {
        for (written, read) in [
            ("ben\u{200D}", "ben"), ("\u{200B}ben", "ben"), ("b\u{2060}en", "ben"), ("\u{202E}neb", "neb"),
            ("\u{FEFF} lee ", "lee"), ("jose\u{301}\u{200C}", "jos\u{E9}"),
        ] {
            let escaped = written.unicodeScalars.map {
                $0.isASCII
                    ? String($0)
                    : "\\u" + String(repeating: "0", count: 4 - String($0.value, radix: 16).count)
                        + String($0.value, radix: 16)
            }
            .joined()
            for text in [written, escaped] {
                let line =
                    #"{"id":"e1","loop":"L1","at":"2026-11-27T09:00:00Z","by":"\#(text)","type":"created","title":"t","owner":"\#(text)"}"#
                let event = try Event(jsonLine: line, makeID: { "unused" })
                #expect(Array(event.by.utf8) == Array(read.utf8), "\(text)")
                let affects =
                    #"{"id":"e2","loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"created","title":"t","affects":["\#(text)"]}"#
                let affected = try Event(jsonLine: affects, makeID: { "unused" }).strings("affects")
                #expect(affected.map { Array($0.utf8) } == [Array(read.utf8)], "\(text)")
                #expect(event.string("owner").map { Array($0.utf8) } == Array(read.utf8), "\(text)")
            }
            #expect(Array(Event.trimmedName(written).utf8) == Array(read.utf8), "\(written)")
        }
        let blank = #"{"id":"e1","loop":"L1","at":"2026-11-27T09:00:00Z","by":"\u200b","type":"noted","note":"x"}"#
        #expect(throws: CoreError.self) { try Event(jsonLine: blank, makeID: { "unused" }) }
        #expect(
            Event(id: "e", loop: "L1", at: instant("2026-11-27T09:00:00Z"), by: "ben\u{200D}", type: .noted).by == "ben"
        )
    }

    @Test func namesThatMeanEveryoneOrNoOneAreNoPerson() {
        for name in [
            "all", "ALL", "None", "nobody", " all", "none\t", "\u{00A0}Nobody\u{00A0}", "al\u{200B}l", "NO\u{200B}NE",
            "\u{200B}", "nob\u{2060}ody\u{200D}",
        ] {
            #expect(!Event.isPersonName(name), "\(name)")
        }
        for name in ["ana", "al", "alls", "nonee", "no body", "nobody2", "allé", "李 娜"] {
            #expect(Event.isPersonName(name), "\(name)")
        }
    }

    /// A name given a person with blanks around it is read trimmed, as every command takes a name, in
    /// whichever field holds it and in any type of event, stored or imported: " lee " names lee.
    @Test func aPaddedNameIsReadTrimmedInEveryFieldThatNamesAPerson() throws {
        for (line, field, value) in [
            (#"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":" lee ","type":"started"}"#, "by", "lee"),
            (
                #"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"created","title":"x","owner":"lee "}"#,
                "owner", "lee"
            ),
            (#"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"handedOff","to":"\u200Blee"}"#, "to", "lee"),
            (
                #"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"risk","told":["bo", "lee\u3000"]}"#,
                "told", #"["bo","lee"]"#
            ),
            (
                #"{"loop":"@away","at":"2026-11-27T09:00:00Z","by":"ana","type":"away","person":"ana","from":"2026-12-01","until":"2026-12-02","backup":" lee"}"#,
                "backup", "lee"
            ),
            (
                #"{"loop":"@away","at":"2026-11-27T09:00:00Z","by":"ana","type":"awayCancelled","cancels":"e1","person":" lee"}"#,
                "person", "lee"
            ),
            // In any type of event: a note's "owner" names someone all the same.
            (#"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"noted","owner":" lee "}"#, "owner", "lee"),
        ] as [(String, String, String)] {
            #expect(Event.namesSomeonePadded(line), "\(line)")
            for checking in [true, false] {
                let event = try Event(jsonLine: line, checkingFields: checking, makeID: { "x" })
                let read = field == "by" ? event.by : event.fields[field].map(JSONWriter.string) ?? ""
                #expect(read == (field == "by" || value.hasPrefix("[") ? value : "\"\(value)\""), "\(line)")
                #expect(!Event.namesSomeonePadded(event.jsonLine), "\(event.jsonLine)")
            }
        }
        // A name that is only blanks is still no one's.
        #expect(throws: CoreError.self) {
            try Event(jsonLine: #"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"  ","type":"started"}"#) { "x" }
        }
        let plain = #"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"李 娜","type":"risk","told":["bo"],"note":" x "}"#
        #expect(!Event.namesSomeonePadded(plain))
        #expect(try Event(jsonLine: plain, makeID: { "x" }).fields["note"] == " x ")
        #expect(try Event(jsonLine: plain, makeID: { "x" }).by == "李 娜")
    }

    @Test func aStoredLineSkipsOnlyTheFieldShapes() throws {
        let line = #"{"id":"e1","loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"created","stakes":"huge"}"#
        #expect(throws: CoreError.self) { try Event(jsonLine: line, makeID: { "unused" }) }
        let stored = try Event(jsonLine: line, checkingFields: false, makeID: { "unused" })
        #expect(stored.fields["stakes"] == "huge")
        // What makes a line an event at all is still checked.
        #expect(throws: CoreError.self) {
            try Event(jsonLine: #"{"loop":"L1","at":"yesterday","by":"ana","type":"created"}"#, checkingFields: false) {
                "unused"
            }
        }
        #expect(throws: CoreError.self) { try Event(jsonLine: "{", checkingFields: false) { "unused" } }
    }

    @Test(arguments: EventType.allCases)
    func everyTypeIsReadWithItsFields(_ type: EventType) throws {
        // No required field: a type the reader knows says which one it needs, and no other error.
        let bare = #"{"loop":"@away","at":"2026-11-27T09:00:00Z","by":"ana","type":"\#(type.rawValue)"}"#
        do {
            let event = try Event(jsonLine: bare, checkingFields: false, makeID: { "e" })
            #expect(event.type == type)
            _ = try Event(jsonLine: bare, makeID: { "e" })
        } catch {
            #expect(!"\(error)".contains("unknown type"), "\(type): \(error)")
        }
        // A known field of the wrong shape is refused by the types that know it, and only by them.
        let shaped =
            #"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"\#(type.rawValue)","title":"x","estimateHours":"6"}"#
        var message = ""
        do { _ = try Event(jsonLine: shaped, makeID: { "e" }) } catch { message = "\(error)" }
        #expect(message.contains("estimateHours") == [.created, .edited, .scopeChanged].contains(type), "\(message)")
    }

    /// The type and the known fields' names are read where the line holds them; written with an
    /// escape, or with a name no type knows, they are read as before, and a type given twice is refused.
    @Test func typesAndFieldNamesReadInPlaceOrEscapedAreTheSame() throws {
        let plain = try Event(
            jsonLine:
                #"{"id":"e1","loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"created","title":"x","owner":"ana"}"#
        ) { "" }
        let escaped = try Event(
            jsonLine:
                #"{"id":"e1","loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"created","title":"x","owner":"ana"}"#
        ) { "" }
        #expect(escaped == plain)
        #expect(escaped.type == .created && escaped.fields["title"] == "x")
        // A name longer than any known one, and an unknown type of a known one's length.
        let long = try Event(
            jsonLine:
                #"{"id":"e1","loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"noted","aVeryLongFieldNameIndeed":1}"#
        ) { "" }
        #expect(long.fields["aVeryLongFieldNameIndeed"] == .number(1))
        for line in [
            #"{"id":"e1","loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"creates","title":"x"}"#,
            #"{"id":"e1","loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"noted","type":"noted"}"#,
            #"{"id":"e1","loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"noted","type":"noted"}"#,
            #"{"id":"e1","loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":""}"#,
        ] {
            #expect(throws: CoreError.self, "\(line)") { try Event(jsonLine: line) { "" } }
        }
    }

    @Test func generatesAnIdWhenAbsent() throws {
        let event = try Event(
            jsonLine: #"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"started"}"#,
            makeID: { "new" }
        )
        #expect(event.id == "new")
    }

    @Test(arguments: [
        (#"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"exploded"}"#, "unknown type"),
        (#"{"at":"2026-11-27T09:00:00Z","by":"ana","type":"started"}"#, "missing \"loop\""),
        (#"{"loop":"L1","at":"yesterday","by":"ana","type":"started"}"#, "\"at\""),
        (#"{"loop":"L1","at":"2026-11-27T09:00:00","by":"ana","type":"started"}"#, "\"at\""),
        (#"{"loop":"L1","at":"2026-11-27T09:00:00Z","type":"started"}"#, "missing \"by\""),
        (#"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"created"}"#, "needs \"title\""),
        (
            #"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"created","title":"x","stakes":"huge"}"#,
            "stakes"
        ),
        (
            #"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"created","title":"x","autonomy":7}"#,
            "autonomy"
        ),
        (
            #"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"created","title":"x","estimateHours":"6"}"#,
            "estimateHours"
        ),
        (#"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"created","title":"x","due":"fri"}"#, "due"),
        (
            #"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"created","title":"x","affects":"team"}"#,
            "affects"
        ),
        (#"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"done","verified":"yes"}"#, "verified"),
        (#"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"reported","channel":"email"}"#, "channel"),
        (#"{"id":7,"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"started"}"#, "\"id\""),
        (#"[1,2]"#, "object"),
        (#"{"loop":"L1""#, "not JSON"),
        (
            #"{"loop":"@away","at":"2026-11-27T09:00:00Z","by":"ana","type":"away","person":"ana","from":"2026-12-10","until":"2026-12-01"}"#,
            "\"until\" (2026-12-01) is before \"from\" (2026-12-10)"
        ),
        (#"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"noted","note":"a\u0000b"}"#, "U+0000"),
        (#"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"risk","told":["b\u0000"]}"#, "U+0000"),
        (#"{"id":"e\u0000","loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"started"}"#, "U+0000"),
        (#"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"edited","verified":"yes"}"#, "verified"),
        (#"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"edited","monitoredBy":5}"#, "monitoredBy"),
        (#"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"all","type":"created","title":"x"}"#, "\"by\" must name one"),
        (
            #"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"created","title":"x","due":"0001-01-01"}"#,
            "1970"
        ),
        (
            #"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"away","person":"ana","from":"2026-12-10","until":"2026-12-11"}"#,
            "away events belong under @away"
        ),
        (#"{"loop":"@away","at":"2026-11-27T09:00:00Z","by":"ana","type":"declined","title":"x"}"#, "under @declined"),
    ])
    func refusesBadEventsWithAReason(line: String, reason: String) {
        #expect {
            _ = try Event(jsonLine: line, makeID: { "x" })
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    /// An escaped backslash before `u0000` is no NUL: the text keeps a backslash and the letters.
    @Test func anEscapedBackslashBeforeU0000IsKept() throws {
        let line = #"{"loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"noted","note":"C:\\u0000"}"#
        #expect(try Event(jsonLine: line, makeID: { "x" }).string("note") == #"C:\u0000"#)
    }
}
