import Foundation
import OwnCore
import Testing

@Suite("Option values from a fixed set: listed in --help, refused by the parser with the set")
struct OptionValueTests {
    /// A command, one of its options, and the values it takes.
    struct Case: Sendable, CustomTestStringConvertible {
        var command: [String]
        var option: String
        var values: [String]
        var testDescription: String { (command + [option]).joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(command: ["add"], option: "--stakes", values: Stakes.allCases.map(\.rawValue)),
        Case(command: ["add"], option: "--kind", values: Kind.allCases.map(\.rawValue)),
        Case(command: ["edit"], option: "--stage", values: Stage.allCases.map(\.rawValue) + ["none"]),
        Case(
            command: ["list"],
            option: "--state",
            values: LoopState.allCases.filter { $0 != .handedOff }.map(\.rawValue)
        ),
        Case(command: ["list"], option: "--stakes", values: Stakes.allCases.map(\.rawValue)),
        Case(command: ["list"], option: "--kind", values: Kind.allCases.map(\.rawValue)),
        Case(command: ["doctor"], option: "--format", values: FindingFormat.allCases.map(\.rawValue)),
        Case(command: ["doctor"], option: "--fail-on", values: Severity.allCases.map(\.rawValue)),
        Case(command: ["doctor"], option: "--explain", values: RuleName.allCases.map(\.rawValue)),
        Case(command: ["standup"], option: "--format", values: ReportFormat.allCases.map(\.rawValue)),
        Case(command: ["weekly"], option: "--format", values: ReportFormat.allCases.map(\.rawValue)),
        Case(command: ["gate", "check"], option: "--format", values: ["text", "gcc", "json", "sarif", "github"]),
        Case(command: ["gate", "check"], option: "--fail-on", values: ["error", "warning", "info", "never"]),
    ]

    @Test(arguments: cases)
    func helpListsTheValues(_ example: Case) {
        let help = OwnBinary().run(example.command + ["--help"])
        #expect(help.code == 0)
        // The help wraps its lines: compare with the spaces folded.
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("(values: " + example.values.joined(separator: ", ")), "\(help.stdout)")
    }

    @Test(arguments: cases)
    func aValueOutsideTheSetIsRefusedWithTheSet(_ example: Case) {
        let own = OwnBinary()
        own.succeeds("add", "A loop")
        let before = own("export").stdout
        var arguments = example.command + [example.option, "bogus"]
        if example.command == ["edit"] { arguments.insert("1", at: 1) }
        let run = own.run(arguments)
        #expect(run.code == 2)
        #expect(run.stderr.hasPrefix("own: the value 'bogus' is invalid for '\(example.option) "), "\(run.stderr)")
        for value in example.values { #expect(run.stderr.contains("'\(value)'"), "\(run.stderr)") }
        #expect(run.stderr.filter { $0 == "\n" }.count == 1, "one line: \(run.stderr)")
        #expect(own("export").stdout == before)
    }

    @Test func aListOfValuesIsReadWhole() throws {
        let own = OwnBinary()
        own.succeeds("add", "Fix the bug", "--kind", "bug", "--stakes", "low")
        own.succeeds("add", "Write the docs", "--kind", "docs", "--stakes", "high")
        own.succeeds("add", "Pay the debt", "--kind", "debt", "--stakes", "low")
        own.succeeds("done", "3")
        let open = own("list", "--kind", "bug,docs", "--state", "open,proposed")
        #expect(open.code == 0)
        #expect(open.stdout.contains("Fix the bug") && open.stdout.contains("Write the docs"))
        #expect(!open.stdout.contains("Pay the debt"))
        let low = own("list", "--stakes", "low", "--state", "done,open")
        #expect(low.stdout.contains("Fix the bug") && low.stdout.contains("Pay the debt"))
        #expect(!low.stdout.contains("Write the docs"))
        let mixed = own("list", "--kind", "bug,sloppy")
        #expect(mixed.code == 2, "one bad name in a list refuses the list")
    }

    /// A value, an instant or a loop's number with blanks around it, or a value in capitals, is that
    /// value, as a due date and a name are: `--stakes " high "` was refused naming the padded text.
    /// A name with a comma is more than one person, where an option takes one.
    @Test func blanksAroundAValueAndItsCaseAreNoPartOfIt() throws {
        let own = OwnBinary()
        own.succeeds("add", "Padded", "--stakes", " High ", "--kind", "BUG ", "--now", " 2026-11-27T15:00:00Z ")
        own.succeeds("stage", " 1 ", " Deploy")
        let show = try JSONParser.parse(own("show", " 1 ", "--json").stdout)
        let shown = try #require(show.objectValue?["loop"]?.objectValue)
        #expect(shown["stakes"] == "high" && shown["kind"] == "bug" && shown["stage"] == "deploy", "\(shown)")
        #expect(own("list", "--kind", "bug, docs", "--stakes", "HIGH").stdout.contains("Padded"))
        let two = own("handoff", "1", "--to", "lee, bob")
        #expect(two.code == 2 && two.stderr.contains("--to lee, bob names more than one person"), "\(two.stderr)")
    }

    @Test func aStageIsSetByNameAndClearedWithNone() {
        let own = OwnBinary()
        own.succeeds("add", "Ship it")
        #expect(own("edit", "1", "--stage", "review").code == 0)
        #expect(own("show", "1").stdout.contains("stage:"))
        #expect(own("edit", "1", "--stage", "none").code == 0)
        #expect(!own("show", "1").stdout.contains("stage:"))
        #expect(own("stage", "1", "deploy").code == 0)
        #expect(own("show", "1").stdout.contains("deploy"))
    }
}
