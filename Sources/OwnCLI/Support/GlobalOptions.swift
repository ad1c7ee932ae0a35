public import ArgumentParser
import Foundation

/// The options every command takes.
public struct GlobalOptions: ParsableArguments, Sendable {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The ledger file (default: $OWN_DB, else $XDG_DATA_HOME/own/ledger.sqlite).",
            valueName: "path"
        )
    )
    public var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The instant to act at, ISO-8601 (default: $OWN_NOW, else the clock).", valueName: "time")
    )
    public var now: String?

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            "Who is acting (default: $OWN_USER, the config's user, git's user.name, $USER).",
            valueName: "person"
        )
    )
    public var actor: String?

    @Option(
        name: .long,
        help: ArgumentHelp("The configuration file (default: $XDG_CONFIG_HOME/own/config.toml).", valueName: "path")
    )
    public var config: String?

    @Option(
        name: .long,
        help: ArgumentHelp("A TOML policy file that overrides the configuration's [policy].", valueName: "path")
    )
    public var policy: String?

    /// No options given.
    public init() {}

    /// Resolves the options, the environment and the configuration into what a command runs with.
    public func context(environment: [String: String] = ProcessEnvironment.current) throws -> Context {
        try Context(options: self, environment: environment)
    }

    /// The context for a command that only reads: it does not need to know who you are.
    public func readingContext(environment: [String: String] = ProcessEnvironment.current) throws -> Context {
        try Context(options: self, environment: environment, needsActor: false)
    }
}
