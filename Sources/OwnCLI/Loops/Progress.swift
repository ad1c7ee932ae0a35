import ArgumentParser
import Foundation
import OwnCore
import OwnStore

extension Own {
    /// `own start`: work has begun.
    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "start",
            _superCommandName: "own",
            abstract: "Start working on a loop."
        )

        @Argument(help: loopArgumentHelp) var loop: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try global.context()
            let loop = try context.record(.start, on: loop)
            // Started by someone else, a hand-off nobody took up (to a team, say) is still its owner's.
            if loop.owner != context.actor, loop.waitsToBeTakenUp {
                Output.note(
                    "#\(loop.number) is still \(loop.owner)'s, handed off and not taken up: "
                        + "`own edit \(loop.number) --owner \(TextEscaping.shellWord(context.actor))` makes it yours"
                )
            }
            if loop.needsApproval, loop.approvedAt == nil {
                Output.warning(
                    "#\(loop.number) is at autonomy \(loop.autonomy) and nobody has approved it; recommend, then get `own approve \(loop.number)` from someone else"
                )
            }
            Output.confirm("#\(loop.number) active: \(loop.title)")
        }
    }

    /// `own note`: a word on progress.
    struct Note: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "note",
            _superCommandName: "own",
            abstract: "Note progress or a finding on a loop."
        )

        @Argument(help: loopArgumentHelp) var loop: String
        @Argument(help: ArgumentHelp("What happened (or --note).", valueName: "note")) var text: String?
        @Option(name: .long, help: "What happened.") var note: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let note = try GivenText.required(text, note, "note", missing: "say what happened: own note \(loop) TEXT")
            let context = try global.context()
            let loop = try context.record(.note, on: loop, fields: ["note": .string(note)])
            Output.confirm("#\(loop.number) noted: \(note)")
        }
    }

    /// `own stage`: the loop moved along its lifecycle.
    struct StageChange: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stage",
            _superCommandName: "own",
            abstract: "Move a loop to a lifecycle stage."
        )

        // A completion of its own (none offered): fish numbers the positionals that have one, and
        // offered the stages at the loop's word.
        @Argument(help: loopArgumentHelp, completion: .list([])) var loop: String
        @Argument(help: "The stage; none takes the loop out of its stage (as own edit --stage none does).")
        var stage: Clearable<Stage>
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try global.context()
            guard case .value(let stage) = stage else {
                // Cleared by an edit, as `own edit --stage none` clears it: no stage is no step of the lifecycle.
                let current = try context.loop(loop)
                guard current.stage != nil else {
                    print("#\(current.number) unchanged: it is at no stage")
                    return
                }
                let loop = try context.record(.edit, on: loop, fields: ["stage": .null])
                Output.confirm("#\(loop.number) at no stage: \(loop.title)")
                return
            }
            // Again at the stage it is at is no step: recorded, it counted as progress for the doctor.
            let current = try context.loop(loop)
            guard current.stage != stage else {
                print("#\(current.number) unchanged: it is at stage \(stage.rawValue) already")
                return
            }
            let loop = try context.record(.stage, on: loop, fields: ["stage": .string(stage.rawValue)])
            Output.confirm("#\(loop.number) at stage \(stage.rawValue): \(loop.title)")
        }
    }

    /// `own done`: the loop is closed.
    struct Done: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "done",
            _superCommandName: "own",
            abstract: "Close a loop: it reached its end state.",
            discussion: """
                Say what came of it, whether it was verified in production, and what watches it now. After an \
                incident or a missed date, --guard names what now prevents a repeat (`own guard` adds one later).
                """
        )

        /// The doctor's rules about a loop just done, said when it is.
        static let said: Set<RuleName> = [.needsApproval, .stoppedAtMerge]

        @Argument(help: loopArgumentHelp) var loop: String
        @Option(name: .long, help: ArgumentHelp("What came of it.", valueName: "text")) var outcome: String?
        @Flag(name: .long, help: "It was verified in production.") var verified = false
        @Option(
            name: .long,
            help: ArgumentHelp("What watches it now (an alert, a dashboard); none: nothing.", valueName: "text")
        )
        var monitoredBy: String?
        @Option(
            name: .customLong("guard"),
            help: ArgumentHelp(
                "What now prevents a repeat: an alert, a check, a gate, a test; none: nothing yet.",
                valueName: "text"
            )
        )
        var guardText: String?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let context = try global.context()
            var fields: EventFields = ["verified": .bool(verified)]
            if let outcome { fields["outcome"] = .string(try LoopFields.text(outcome, "--outcome")) }
            // `none` records nothing watching it, or no guard: not the word, which the doctor took for one.
            if let monitoredBy = try LoopFields.textOrNone(monitoredBy, "--monitored-by") {
                fields["monitoredBy"] = .string(monitoredBy)
            }
            if let guardText = try LoopFields.textOrNone(guardText, "--guard") { fields["guard"] = .string(guardText) }
            let loop = try context.record(.done, on: loop, fields: fields)
            Output.confirm("#\(loop.number) done: \(loop.title)")
            if loop.autonomy <= 4 {
                print("  say so in your next update (`own standup --mark`), or the doctor will call it invisible work")
            }
            // What the doctor finds on the loop as it is now done (never approved, not verified in
            // production), said at once rather than at the next `own doctor`.
            let doctor = OwnCore.Doctor(policy: try PolicySources.policy(context), calendars: context.calendars)
            for finding in doctor.findings(in: [loop], now: context.now) where Self.said.contains(finding.rule) {
                print("  the doctor finds \(finding.rule.rawValue): \(finding.message)")
            }
        }
    }
}
