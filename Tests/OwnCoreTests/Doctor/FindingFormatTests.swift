import Foundation
import OwnCore
import Testing

@Suite("The doctor's text: aligned columns, long subjects cut by characters, ledger text escaped")
struct FindingFormatTests {
    func finding(
        _ rule: RuleName,
        number: Int?,
        key: String?,
        title: String?,
        owner: String,
        message: String
    )
        -> Finding
    {
        var finding = Finding(
            rule: rule,
            owner: owner,
            severity: .warning,
            since: Date(timeIntervalSince1970: 0),
            message: message,
            suggestion: "say so"
        )
        finding.loop = key
        finding.number = number
        finding.title = title
        return finding
    }

    var findings: [Finding] {
        [
            finding(.goingDark, number: 7, key: "k7", title: "Short", owner: "ana", message: "quiet"),
            finding(
                .overdue,
                number: nil,
                key: "loop-key",
                title: "Ünïcödé title that runs on past the column",
                owner: "bo",
                message: "late"
            ),
            finding(.overcommitted, number: nil, key: nil, title: nil, owner: "cy\u{1B}", message: "too\nmuch"),
            finding(
                .noGuard,
                number: 12,
                key: "k12",
                title: "A plain title long enough to be cut",
                owner: "di",
                message: "m"
            ),
        ]
    }

    /// On a 60-column terminal the messages need what the severity and the rule leave but the loop
    /// column's least, 16: a longer subject's title is cut, with an ellipsis, counted in characters
    /// whether it is ASCII or not, and whose loop it is stays (a long title left only `(a…`).
    @Test func aNarrowTerminalCutsTheLoopColumnByCharacters() {
        let lines = FindingFormat.text.render(findings, width: 60).split(
            separator: "\n",
            omittingEmptySubsequences: false
        )
        #expect(
            lines == [
                "warning   going-dark            #7 Short (ana)     quiet", "  → draft: \"say so\"",
                "warning   overdue               loop-key Ü… (bo)   late", "  → draft: \"say so\"",
                "warning   overcommitted         cy\\e               too\\nmuch", "  → draft: \"say so\"",
                "warning   no-guard              #12 A plai… (di)   m", "  → draft: \"say so\"",
            ]
        )
        // On 80 columns the short messages leave the loop column 35.
        let wider = FindingFormat.text.render(findings, width: 80).split(separator: "\n").filter {
            !$0.hasPrefix("  →")
        }
        #expect(
            wider == [
                "warning   going-dark            #7 Short (ana)                         quiet",
                "warning   overdue               loop-key Ünïcödé title that ru… (bo)   late",
                "warning   overcommitted         cy\\e                                   too\\nmuch",
                "warning   no-guard              #12 A plain title long enough … (di)   m",
            ]
        )
    }

    /// A long message takes at most three fifths of what the severity and the rule leave: at 100
    /// columns the loop column keeps 26 (a title kept six characters beside a 60-column message).
    @Test func aLongMessageLeavesTheTitleSomeWords() {
        let long = [
            finding(
                .overdue,
                number: 1,
                key: "k1",
                title: "Overdue quarterly report for finance",
                owner: "ana",
                message: String(repeating: "late ", count: 14) + "late"
            )
        ]
        let first = FindingFormat.text.render(long, width: 100).split(separator: "\n")[0]
        #expect(first.hasPrefix("warning   overdue               #1 Overdue quarterl… (ana)   late late"), "\(first)")
        #expect(first.count <= 100)
    }

    /// Without a terminal the column is as wide as the widest subject, up to 48.
    @Test func withoutATerminalTheColumnFitsTheWidestSubject() {
        let lines = FindingFormat.text.render(findings).split(separator: "\n").filter { !$0.hasPrefix("  →") }
        #expect(
            lines == [
                "warning   going-dark            #7 Short (ana)                                     quiet",
                "warning   overdue               loop-key Ünïcödé title that runs on past t… (bo)   late",
                "warning   overcommitted         cy\\e                                               too\\nmuch",
                "warning   no-guard              #12 A plain title long enough to be cut (di)       m",
            ]
        )
    }

    /// Amounts of hours in messages: rounded up to a tenth (10.06 working days read as 11 when whole
    /// from 10), whole from 100; an estimate past any real amount (1e300 is a valid number in an
    /// event) is written as the number, where converting it to Int trapped `own project`.
    @Test(arguments: [
        (2.45, "2.5"), (8, "8"), (12.3, "12.3"), (10.06, "10.1"), (150.2, "151"), (1e300, "1e+300"),
        (Double.infinity, "inf"),
    ])
    func amountsAreWrittenWhateverTheirSize(_ value: Double, _ text: String) {
        #expect(Draft.amount(value) == text)
    }

    /// A line break in a cell of the Markdown table shows as `\n`, as in every other form (it read
    /// as a blank, and the drafts below the table said `\n`); it cannot end the row.
    @Test func aLineBreakInTheMarkdownTableIsShownEscaped() {
        let table = FindingFormat.md.render(findings).split(separator: "\n").filter { $0.contains("overcommitted") }
        #expect(table.first?.hasSuffix("| too\\nmuch |") == true, "\(table)")
    }
}
