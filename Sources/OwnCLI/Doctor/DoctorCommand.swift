import ArgumentParser
import Foundation
import OwnCore
import OwnOutput
import OwnStore

extension Own {
    /// `own doctor`: what is slipping, by the rules of docs/doctor.md, with a drafted fix for each finding.
    struct DoctorCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "doctor",
            _superCommandName: "own",
            abstract: "Say what is slipping: silence, lone blockers, untold changes, overload, invisible work, …",
            discussion: """
                Judges every live loop and every owner in the ledger (or one owner's, with --owner) against \
                the policy (`own policy`), counting working time on each owner's calendar. Every finding \
                carries a drafted message that would fix it. Rules: \
                \(RuleName.allCases.map(\.rawValue).joined(separator: ", ")). \
                Exit codes: 0; 1 when a finding is at or above --fail-on; 2 for a usage, policy or input error; \
                3 for a storage error.
                """
        )

        @Option(
            name: .long,
            help: ArgumentHelp("Only this person's loops (default: all, everyone's).", valueName: "person"),
            completion: .list(["all"]),
            transform: OwnerOption.parse
        )
        var owner: String?
        @Flag(name: .long, help: "JSON (the same as --format json).") var json = false
        @Option(name: .long, help: "How to write the findings: text (the default), md or json.")
        var format: FindingFormat?
        @Option(
            name: .long,
            help: ArgumentHelp(
                "Exit 1 when any finding is at or above this severity (without it, findings never make the "
                    + "exit code 1).",
                valueName: "severity"
            )
        )
        var failOn: Severity?
        @Option(
            name: .long,
            help: ArgumentHelp("Explain a rule and its thresholds in force (all: every rule).", valueName: "rule")
        )
        var explain: ExplainedRules?
        @OptionGroup var global: GlobalOptions

        func validate() throws {
            _ = try FormatOptions.resolved(format: format, json: json, jsonFormat: .json)
        }

        func run() throws {
            let output: FindingFormat = json ? .json : format ?? .text
            let threshold = failOn
            if let explain {
                let policy = try PolicySources.policy(options: global.values)
                let rules = explain.rules
                let each = rules.map { Self.explanation($0, policy: policy, format: output) }
                // One rule is one object in JSON; every rule, an array of them.
                print(
                    output == .json
                        ? (rules.count == 1 ? each[0] : "[" + each.joined(separator: ",") + "]")
                        : each.joined(separator: "\n\n")
                )
                return
            }
            let context = try global.readingContext().withTimeOff()
            try context.warnIfNobody(owner)
            let policy = try PolicySources.policy(context)
            let owner = owner == "all" ? nil : owner
            let owners: Set<String>? = owner.map { [$0] }
            // No rule reads a loop's notes.
            func judged(_ query: LoopQuery) -> LoopQuery {
                var query = query
                query.reading = .withoutNotes
                return query
            }
            var loops = try context.ledger.loops(judged(LoopQuery(owners: owners, settled: false)), asOf: context.now)
            // Cherry-picking also counts the recent done loops the ledger has settled.
            // The loops the owner handed off are theirs to follow up (unaccepted-handoff).
            if let owner {
                loops += try context.ledger.loops(
                    judged(LoopQuery.handedOff(by: owner)),
                    asOf: context.now
                )
                .filter { $0.owner != owner }
            }
            let windowStart = context.now.addingTimeInterval(-policy.boringWindowDays * 86_400)
            loops += try context.ledger.loops(
                judged(LoopQuery(owners: owners, doneSince: windowStart, settled: true)),
                asOf: context.now
            )
            let doctor = OwnCore.Doctor(policy: policy, calendars: context.calendars)
            let findings = doctor.findings(in: loops, now: context.now, owner: owner)
            StandardOutput.line(
                output.bytes(
                    findings,
                    width: Terminal.width(context.environment),
                    colour: Terminal.colour(context.environment),
                    calendars: context.calendars
                )
            )
            // The process ends when the command returns: releasing every loop and finding one by one
            // (~70M instructions, ~10 ms over 100k loops) would be work for nothing.
            KeptUntilExit.keep(loops, findings)
            if let threshold, findings.contains(where: { $0.severity >= threshold }) {
                throw ExitCode(1)
            }
        }

        /// One rule and its thresholds in force, in the format asked for: text lines, a Markdown
        /// section, or a JSON object (`rule`, `severity`, `criticalAtCriticalStakes`, `checks`,
        /// `thresholds` with each `key`, `value` and `source`, `why`).
        static func explanation(_ rule: RuleName, policy: Policy, format: FindingFormat = .text) -> String {
            let thresholds = rule.thresholds(in: policy)
            let escalates = rule.escalatesAtCriticalStakes
            switch format {
            case .json:
                // In the order docs/doctor.md gives (the writer sorts an object's members otherwise).
                let ordered = thresholds.map { threshold in
                    var object = ""
                    JSONWriter.writeObject(
                        [
                            "key": .string(threshold.key), "value": .string(threshold.value),
                            "source": .string(policy.source(of: threshold.key)),
                        ],
                        order: ["key", "value", "source"],
                        into: &object
                    )
                    return object
                }
                var object = ""
                JSONWriter.writeObject(
                    [
                        "rule": .string(rule.rawValue), "severity": .string(rule.defaultSeverity.rawValue),
                        "criticalAtCriticalStakes": .bool(escalates), "checks": .string(rule.checks),
                    ],
                    order: ["rule", "severity", "criticalAtCriticalStakes", "checks"],
                    into: &object
                )
                return object.dropLast() + #","thresholds":["# + ordered.joined(separator: ",") + #"],"why":"#
                    + JSONWriter.string(.string(rule.why)) + "}"
            case .md:
                var lines = [
                    "### `\(rule.rawValue)` (\(rule.defaultSeverity.rawValue)\(escalates ? "; critical on a loop at critical stakes" : ""))",
                    "",
                ]
                lines.append("- checks: \(MarkdownRenderer.escape(rule.checks))")
                for threshold in thresholds {
                    lines.append(
                        "- `\(threshold.key)` = \(MarkdownRenderer.escape(threshold.value)) (\(MarkdownRenderer.escape(policy.source(of: threshold.key))))"
                    )
                }
                lines.append("- why: \(MarkdownRenderer.escape(rule.why))")
                return lines.joined(separator: "\n")
            case .text:
                var lines = ["\(rule.rawValue) (\(rule.defaultSeverity.rawValue)"]
                if escalates { lines[0] += "; critical on a loop at critical stakes" }
                lines[0] += ")"
                lines.append("  checks: \(rule.checks)")
                if !thresholds.isEmpty { lines.append("  thresholds in force:") }
                for threshold in thresholds {
                    lines.append("    \(threshold.key) = \(threshold.value)  (\(policy.source(of: threshold.key)))")
                }
                lines.append("  why: \(rule.why)")
                return lines.joined(separator: "\n")
            }
        }
    }
}

/// `own doctor --explain`'s value: one rule, or `all` for every one (as `own gate --explain all`).
enum ExplainedRules: ExpressibleByArgument {
    case one(RuleName)
    case all

    init?(argument: String) {
        if argument == "all" {
            self = .all
        } else if let rule = RuleName(rawValue: argument) {
            self = .one(rule)
        } else {
            return nil
        }
    }

    static var allValueStrings: [String] { RuleName.allCases.map(\.rawValue) + ["all"] }

    /// The shell completes the rules' names (and `all`), as it does every other fixed set.
    static var defaultCompletionKind: CompletionKind { .list(allValueStrings) }

    /// The rules explained, in the order of docs/doctor.md's table.
    var rules: [RuleName] {
        switch self {
        case .one(let rule): [rule]
        case .all: RuleName.allCases
        }
    }
}
