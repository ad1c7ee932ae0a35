import ArgumentParser
import Foundation
import OwnCLI
import OwnCore
import TeamStore

extension ServerCommand {
    /// `own server channel add|list|rm`: where a team's notices, alerts and digests are posted.
    struct ChannelCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "channel",
            abstract: "Add, list and remove a team's channels (Slack or webhook).",
            subcommands: [Add.self, List.self, Remove.self]
        )

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add a channel: a Slack incoming webhook (Block Kit) or any webhook (JSON)."
            )
            @OptionGroup var store: StoreOptions
            @Option(help: "The team whose messages it gets.") var team: String
            @Option(help: ArgumentHelp("A Slack incoming webhook URL (http or https).", valueName: "url")) var slack:
                String?
            @Option(help: ArgumentHelp("A webhook URL that gets plain JSON (http or https).", valueName: "url"))
            var webhook: String?
            @Option(help: "Its name within the team, not a person's (default: slack or webhook).") var name: String?

            func validate() throws {
                guard (slack == nil) != (webhook == nil) else {
                    throw ValidationError("give --slack URL or --webhook URL, one of them")
                }
            }

            func run() async throws {
                let kind: Channel.Kind = slack != nil ? .slack : .webhook
                let channel = Channel(
                    team: team,
                    name: name ?? kind.rawValue,
                    kind: kind,
                    url: slack ?? webhook ?? "",
                    createdAt: Date()
                )
                let added = try await store.withStore(existing: true) { opened in
                    try await translatingStoreErrors {
                        try await TeamNames.checkNewChannel(channel.name, team: team, in: opened)
                        return try await delivery(opened).addChannel(channel)
                    }
                }
                print("added \(added.kind.rawValue) channel \(added.name) to team \(added.team)")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List channels: ok, retrying (a message waits for another attempt) or failing since when, "
                    + "and the last error.",
                discussion: """
                    As JSON, an array of objects: `team`, `name`, `kind`, `url`, `state` (ok, retrying or failing), \
                    `failingSince` and `lastError` (or null).
                    """
            )
            @OptionGroup var store: StoreOptions
            @Option(help: "Only this team's channels.") var team: String?
            @OptionGroup var output: FormatOptions

            func run() async throws {
                let channels = try await store.withStore(existing: true) { opened in
                    try await translatingStoreErrors {
                        if let team { try await TeamNames.checkTeam(team, in: opened) }
                        return try await delivery(opened).channels(team: team)
                    }
                }
                var listing = Listing(header: ["team", "channel", "kind", "url", "state", "last error"])
                for channel in channels {
                    let waiting = channel.retrying
                    let failing =
                        channel.failingSince.map { "failing since \(Timestamp.format($0))" }
                        ?? (waiting ? "retrying" : "ok")
                    // The last error stays on record once a later message got through: said as past.
                    let error =
                        channel.lastError.map {
                            channel.failingSince == nil && !waiting
                                ? "recovered; last error: \($0)" : "last error: \($0)"
                        }
                        ?? "-"
                    let cells = [channel.team, channel.name, channel.kind.rawValue, channel.url, failing, error]
                    listing.add(
                        line: cells.joined(separator: "\t"),
                        cells: cells,
                        object: [
                            "team": .string(channel.team), "name": .string(channel.name),
                            "kind": .string(channel.kind.rawValue), "url": .string(channel.url),
                            "state": .string(channel.failingSince != nil ? "failing" : waiting ? "retrying" : "ok"),
                            "failingSince": channel.failingSince.map { .string(Timestamp.format($0)) } ?? .null,
                            "lastError": channel.lastError.map(JSONValue.string) ?? .null,
                        ]
                    )
                }
                listing.print(output.resolved)
            }
        }

        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "rm",
                abstract: "Remove a channel and the messages not yet delivered to it."
            )
            @OptionGroup var store: StoreOptions
            @Option(help: "The team it belongs to.") var team: String
            @Argument(help: "The channel's name.") var name: String

            func run() async throws {
                try await store.withStore(existing: true) { opened in
                    try await translatingStoreErrors {
                        try await delivery(opened).removeChannel(team: team, name: name)
                    }
                }
                print("removed channel \(name) from team \(team)")
            }
        }
    }
}

/// The delivery side of a store: every engine has one.
private func delivery(_ store: any TeamStore) throws -> any DeliveryStore {
    guard let delivery = store as? any DeliveryStore else {
        throw CLIError("this store cannot keep channels")
    }
    return delivery
}
