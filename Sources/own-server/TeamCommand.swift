import ArgumentParser
import Foundation
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
            static let configuration = CommandConfiguration(abstract: "List the teams.")
            @OptionGroup var store: StoreOptions

            func run() async throws {
                let teams = try await store.withStore(reading: true) { opened in
                    try await translatingStoreErrors { try await opened.teams() }
                }
                for team in teams {
                    print("\(team.name)\t\(Timestamp.format(team.createdAt))")
                }
            }
        }
    }
}
