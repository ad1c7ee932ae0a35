public import ArgumentParser
import Foundation

/// The options every command takes.
public struct GlobalOptions: ParsableArguments, Sendable {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The ledger file (default: $OWN_DB, else $XDG_DATA_HOME/own/ledger.sqlite).",
            valueName: "path"
        ),
        completion: .file()
    )
    public var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The instant to act at, ISO-8601 (with an offset, or without one in your zone), or a date for its "
                + "start in your zone (default: $OWN_NOW, else the clock).",
            valueName: "time"
        )
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
        help: ArgumentHelp(Self.configHelp, valueName: "path"),
        completion: .file(extensions: ["toml"])
    )
    public var config: String?

    /// What `--config` says, the same wherever a command takes it.
    static let configHelp = "The configuration file (default: $XDG_CONFIG_HOME/own/config.toml)."

    @Option(
        name: .long,
        help: ArgumentHelp("A TOML policy file that overrides the configuration's [policy].", valueName: "path"),
        completion: .file(extensions: ["toml"])
    )
    public var policy: String?

    /// No options given.
    public init() {}

    /// The options as plain values, which a context is made from. `own list`'s everyday form fills
    /// them without the argument parser's property wrappers (see `ListRequest`).
    public struct Values: Sendable, Equatable {
        public var db: String?
        public var now: String?
        public var actor: String?
        public var config: String?
        public var policy: String?
    }

    /// The options given, as values.
    public var values: Values { Values(db: db, now: now, actor: actor, config: config, policy: policy) }

    /// Resolves the options, the environment and the configuration into what a command runs with.
    public func context(environment: [String: String] = ProcessEnvironment.current) throws -> Context {
        try Context(options: values, environment: environment)
    }

    /// The context for a command that reads the loops of `owner` (a name, or `all`), by default
    /// yours: it needs to know who you are only when no owner is named, or when it `records` events
    /// (and only then may it start a ledger).
    public func context(
        forOwner owner: String?,
        records: Bool = false,
        environment: [String: String] = ProcessEnvironment.current
    ) throws -> Context {
        let named = owner.map { !$0.isEmpty } ?? false
        let context = try Context(
            options: values,
            environment: environment,
            needsActor: records || !named,
            reads: !records
        )
        try context.warnIfNobody(owner)
        return context
    }

    /// The context for a command that only reads: it does not need to know who you are.
    public func readingContext(environment: [String: String] = ProcessEnvironment.current) throws -> Context {
        try values.readingContext(environment: environment)
    }
}

extension GlobalOptions.Values {
    /// The context for a command that only reads: it does not need to know who you are.
    func readingContext(environment: [String: String] = ProcessEnvironment.current) throws -> Context {
        try Context(options: self, environment: environment, needsActor: false, reads: true)
    }
}
