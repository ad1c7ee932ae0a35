import ArgumentParser

/// The options of a command that asks the team server (`own remote`, `own inbox`, `own monitor …`):
/// the ledger whose remote it uses, and the configuration. The server acts for the person of the
/// token, by its own clock, so `--now`, `--as` and `--policy` are refused with a reason rather than
/// taken and ignored (`own inbox --as bob` showed the token's person's inbox, not bob's); they are
/// parsed for that only, and kept out of the help.
struct RemoteOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The ledger file whose remote to use (default: $OWN_DB, else $XDG_DATA_HOME/own/ledger.sqlite).",
            valueName: "path"
        )
    )
    var db: String?

    @Option(name: .long, help: ArgumentHelp(GlobalOptions.configHelp, valueName: "path"))
    var config: String?

    @Option(name: .long, help: .hidden) var now: String?
    @Option(name: .customLong("as"), help: .hidden) var actor: String?
    @Option(name: .long, help: .hidden) var policy: String?

    func validate() throws {
        let given = [("--now", now), ("--as", actor), ("--policy", policy)].filter { $0.1 != nil }.map(\.0)
        guard given.isEmpty else {
            throw ValidationError(
                "\(given.joined(separator: " and ")) \(given.count == 1 ? "does" : "do") not apply here: "
                    + "the team server acts for the person of your token, by its own clock"
            )
        }
    }

    /// The options as the values a ledger's path and remote are found from.
    var values: GlobalOptions.Values { GlobalOptions.Values(db: db, config: config) }
}
