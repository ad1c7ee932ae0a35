import Foundation
import OwnCore
import TOMLKit

/// Where the policy in force comes from: the defaults, then the configuration's `[policy]` table, then
/// the `--policy FILE` (either a `[policy]` table or the keys at its top level).
enum PolicySources {
    /// The policy for a command's context, every value's source recorded.
    static func policy(_ context: Context) throws -> Policy {
        try policy(configuration: context.configuration, options: context.options)
    }

    /// The policy from the options and the environment alone, for commands that need no ledger
    /// (`own policy`, `own doctor --explain`), so they work even where the ledger cannot be opened.
    static func policy(
        options: GlobalOptions.Values,
        environment: [String: String] = ProcessEnvironment.current
    ) throws -> Policy {
        let path = options.config ?? Context.configPath(environment)
        let configuration = try Configuration.load(path: path, required: options.config != nil)
        // Read as every other command reads them, so a bad zone or day is refused here too (`own policy`
        // showed the thresholds of a configuration `own list` refused).
        _ = try configuration.calendars()
        return try policy(configuration: configuration, options: options)
    }

    /// The policy from a configuration and `--policy`; every command that reads the configuration
    /// builds it, so a bad value is an error everywhere, not only in `doctor` and `policy`.
    static func policy(configuration: Configuration, options: GlobalOptions.Values) throws -> Policy {
        var policy = Policy.defaults
        let settings = configuration.table("policy")
        if !settings.isEmpty {
            try apply(settings, to: &policy, source: "\(configuration.path ?? "configuration") [policy]")
        }
        if let path = options.policy {
            guard let data = FileManager.default.contents(atPath: path) else {
                throw CLIError("cannot read the policy file \(path)")
            }
            let file = try Configuration.parse(String(decoding: data, as: UTF8.self), path: path)
            // A [policy] table or the keys at the top level, not both: the keys beside the table were
            // dropped without a word, and thresholds the file set were not in force.
            if file.values["policy"] != nil, let other = file.values.keys.filter({ $0 != "policy" }).sorted().first {
                throw CLIError(
                    "\(path): \(other) is outside its [policy] table; a policy file is a [policy] table or the keys "
                        + "at its top level, not both: move \(other) into [policy]"
                )
            }
            let table = file.values["policy"]?.objectValue ?? file.values
            try apply(table, to: &policy, source: path)
        }
        return policy
    }

    private static func apply(_ table: [String: JSONValue], to policy: inout Policy, source: String) throws {
        do {
            try policy.apply(table.mapValues(value), source: source)
        } catch {
            throw CLIError("\(source): \(error.description)")
        }
    }

    /// A configuration value as the policy reads it.
    static func value(_ json: JSONValue) -> PolicyValue {
        switch json {
        case .number(let number): .number(number)
        case .string(let text): .text(text)
        case .object(let members): .table(members.mapValues(value))
        case .bool(let flag): .other(flag ? "true" : "false")
        case .array: .other("a list")
        case .null: .other("nothing")
        }
    }
}
