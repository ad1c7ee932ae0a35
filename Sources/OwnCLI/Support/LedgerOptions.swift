import ArgumentParser

/// The options of a command that acts for no one and at no instant of its own: the ledger and the
/// configuration only. `--now`, `--as` and `--policy` are refused with the command's reason rather
/// than taken and ignored (`own inbox --as bob` showed the token's person's inbox, not bob's; `own
/// export --now` read as a snapshot it was not); they are parsed for that only, and kept out of help.
struct LedgerOptions<Refusal: ActingRefusal>: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The ledger file (default: $OWN_DB, else $XDG_DATA_HOME/own/ledger.sqlite).",
            valueName: "path"
        ),
        completion: .file()
    )
    var db: String?

    @Option(
        name: .long,
        help: ArgumentHelp(GlobalOptions.configHelp, valueName: "path"),
        completion: .file(extensions: ["toml"])
    )
    var config: String?

    @Option(name: .long, help: .hidden) var now: String?
    @Option(name: .customLong("as"), help: .hidden) var actor: String?
    @Option(name: .long, help: .hidden) var policy: String?

    func validate() throws {
        let given = [("--now", now), ("--as", actor), ("--policy", policy)].filter { $0.1 != nil }.map(\.0)
        guard given.isEmpty else {
            throw ValidationError(
                "\(given.joined(separator: " and ")) \(given.count == 1 ? "does" : "do") not apply here: "
                    + Refusal.reason
            )
        }
    }

    /// The options as the values a ledger's path and remote are found from.
    var values: GlobalOptions.Values { GlobalOptions.Values(db: db, config: config) }
}

/// Why a command with `LedgerOptions` takes no `--now`, `--as` or `--policy`.
protocol ActingRefusal {
    static var reason: String { get }
}

/// `own remote`, `own inbox`, `own monitor …`: the server decides who and when.
enum TeamServerActs: ActingRefusal {
    static let reason = "the team server acts for the person of your token, by its own clock"
}

/// `own export`: every event, as recorded.
enum ExportIsEverything: ActingRefusal {
    static let reason = "an export writes every event as recorded, whatever the instant or who asks"
}

/// The options of a command that asks the team server.
typealias RemoteOptions = LedgerOptions<TeamServerActs>
