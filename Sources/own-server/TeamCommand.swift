import ArgumentParser
import Foundation
import OwnCLI
import OwnCore
import TeamStore

extension ServerCommand {
    /// `own server team add|list`.
    struct TeamCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "team",
            abstract: "Add and list teams.",
            subcommands: [Add.self, List.self]
        )

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Add a team.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The team's name: a-z, 0-9, '-', '_', '.' (not all, none, nobody or own-server).") var name:
                String

            func run() async throws {
                let team = try await store.withStore { opened in
                    try await translatingStoreErrors { try await opened.addTeam(name, at: Date()) }
                }
                print("added team \(team.name)")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List the teams.",
                discussion: "As JSON, an array of objects: `name`, `created`."
            )
            @OptionGroup var store: StoreOptions
            @OptionGroup var output: FormatOptions

            func run() async throws {
                let teams = try await store.withStore(existing: true) { opened in
                    try await translatingStoreErrors { try await opened.teams() }
                }
                var listing = Listing(header: ["team", "created"])
                for team in teams {
                    let created = Timestamp.format(team.createdAt)
                    listing.add(
                        line: "\(team.name)\t\(created)",
                        cells: [team.name, created],
                        object: ["name": .string(team.name), "created": .string(created)]
                    )
                }
                listing.print(output.resolved)
            }
        }
    }
}
