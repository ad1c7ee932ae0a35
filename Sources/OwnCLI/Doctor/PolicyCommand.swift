import ArgumentParser
import Foundation
import OwnCore

extension Own {
    /// `own policy`: the thresholds in force and where each came from.
    struct PolicyCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "policy",
            _superCommandName: "own",
            abstract: "Show the policy in force: every threshold the doctor applies, and where it came from.",
            discussion: """
                Defaults are the doctor's rule table (docs/doctor.md in the repository). The configuration's [policy] table overrides them, \
                and --policy FILE overrides both, e.g. `wip-limit = 2`, `notice-within = "2h"`, \
                `[dark-after] high = 1` (or all three under `[policy]`: `[policy.dark-after]`).
                """
        )

        @OptionGroup var output: FormatOptions
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let policy = try PolicySources.policy(options: global.values)
            if output.resolved == .json {
                let entries: [JSONValue] = PolicyKey.all.map { key in
                    .object([
                        "key": .string(key.name), "value": key.json(in: policy),
                        "text": .string(key.text(in: policy)), "source": .string(policy.source(of: key.name)),
                        "meaning": .string(key.meaning),
                    ])
                }
                print(JSONWriter.string(.array(entries)))
                return
            }
            if output.resolved == .md {
                print(
                    ReadFormat.table(
                        ["key", "value", "source"],
                        PolicyKey.all.map { [$0.name, $0.text(in: policy), policy.source(of: $0.name)] }
                    )
                )
                return
            }
            var lines: [String] = []
            func emit(_ line: String) { lines.append(line) }
            let width = PolicyKey.all.map(\.name.count).max() ?? 0
            let valueWidth = PolicyKey.all.map { $0.text(in: policy).count }.max() ?? 0
            for key in PolicyKey.all {
                let name = key.name + String(repeating: " ", count: width - key.name.count)
                let value = key.text(in: policy)
                let padded = value + String(repeating: " ", count: valueWidth - value.count)
                emit("\(name)  \(padded)  \(policy.source(of: key.name))")
            }
            print(lines.joined(separator: "\n"))
        }
    }
}
