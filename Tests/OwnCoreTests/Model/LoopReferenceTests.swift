import OwnCore
import Testing

@Suite("Loop references and keys: a key never reads as a number")
struct LoopReferenceTests {
    @Test(arguments: [
        ("12", LoopReference.number(12)), ("#12", .number(12)), ("#0", .key("#0")), ("0", .key("0")),
        ("abc", .key("abc")), ("12a", .key("12a")), ("-3", .key("-3")), ("#", .key("#")), ("", .key("")),
        ("١٢", .key("١٢")), ("99999999999999999999999", .key("99999999999999999999999")),
    ])
    func whatAPersonTypedNamesANumberOrAKey(text: String, expected: LoopReference) {
        #expect(LoopReference(text) == expected)
    }

    @Test(arguments: ["deploy-fix", "L1", "tw-6b2c", "a b", "ключ", String(repeating: "k", count: 200), "...", ".a"])
    func ordinaryKeysAreAccepted(key: String) throws {
        try LoopReference.checkKey(key)
    }

    @Test(arguments: [
        ("", "empty"), ("5", "loop number"), ("#5", "loop number"), ("007", "loop number"), ("#1 ", "loop number"),
        (" 5", "loop number"),
        ("a\u{1B}]0;x\u{07}", "control"), ("line\nbreak", "control"), ("tab\there", "control"),
        ("   ", "only spaces"), (String(repeating: "k", count: 201), "at most 200"), (".", "cannot be . or .."),
        ("..", "cannot be . or .."),
    ])
    func keysThatWouldDamageTheLedgerOrCollideAreRefused(key: String, reason: String) {
        #expect {
            try LoopReference.checkKey(key)
        } throws: { error in
            "\(error)".contains(reason)
        }
    }

    /// A person named `.` or `..` had a dashboard page no link reached: a web address reads them as
    /// folders.
    @Test func dotsNameNoPerson() {
        #expect(!Event.isPersonName("."))
        #expect(!Event.isPersonName(".."))
        #expect(Event.isPersonName("..."))
        #expect(!Event.isPersonName(""))
        #expect(!Event.isPersonName("  "))
        #expect(!Event.isPersonName("x\ny"))
        #expect(Event.isPersonName("Ana Smith"))
    }
}
