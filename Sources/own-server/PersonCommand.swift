import ArgumentParser
import Foundation
import OwnCLI
import OwnCore
import TeamStore

extension ServerCommand {
    /// `own server person set|list`: each person's time zone, working days and hours, and policy
    /// overrides, which the server's doctor and reports judge them by.
    struct PersonCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "person",
            abstract: "Set and list people's working calendars and policy overrides.",
            subcommands: [Assign.self, List.self]
        )

        struct Assign: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set",
                abstract: "Set a person's settings; what is not given stays as it was.",
                discussion: """
                    Example: own server person set --team payments ana --zone Europe/Berlin --days mon-fri \
                    --hours 09:00-17:30 --policy capacity=4
                    Time off is not set here: `own away` records it, and `own sync` brings it to the server.
                    """
            )
            @OptionGroup var store: StoreOptions
            @Option(help: "The person's team.") var team: String
            @Argument(help: "The person, as their tokens name them.") var name: String
            @Option(help: "An IANA time zone, such as Europe/Berlin.") var zone: String?
            @Option(help: "Working days, such as mon-fri, sun-thu or mon,tue,thu.") var days: String?
            @Option(help: "Working hours, such as 09:00-17:30.") var hours: String?
            @Option(help: "A policy override KEY=VALUE, such as capacity=4 (repeat for more).")
            var policy: [String] = []

            func run() async throws {
                var overrides: [String: String] = [:]
                for item in policy {
                    let parts = item.split(separator: "=", maxSplits: 1).map {
                        $0.trimmingCharacters(in: .whitespaces)
                    }
                    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                        throw CLIError("--policy \"\(item)\" is not KEY=VALUE, such as capacity=4")
                    }
                    overrides[parts[0]] = parts[1]
                }
                let person = try await store.withStore { opened in
                    try await translatingStoreErrors {
                        let old = try await opened.person(name, team: team)
                        let person = try PersonSettings(
                            name: name,
                            zone: zone ?? old?.zone,
                            workdays: days ?? old?.workdays,
                            hours: hours ?? old?.hours,
                            policy: (old?.policy ?? [:]).merging(overrides) { _, new in new }
                        )
                        try await opened.setPerson(person, team: team)
                        return person
                    }
                }
                print("set \(person.name) in \(team): \(List.describe(person))")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List a team's people and their settings.")
            @OptionGroup var store: StoreOptions
            @Option(help: "The team.") var team: String

            func run() async throws {
                let people = try await store.withStore { opened in
                    try await translatingStoreErrors { try await opened.people(team: team) }
                }
                for person in people {
                    print("\(person.name)\t\(Self.describe(person))")
                }
            }

            /// One line: `Europe/Berlin Mon-Fri 09:00-17:30 capacity=4`, defaults named as such.
            static func describe(_ person: PersonSettings) -> String {
                let policy = person.policy.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                return ([person.zone ?? "UTC", person.workdays ?? "Mon-Fri", person.hours ?? "09:00-17:00"] + policy)
                    .joined(separator: " ")
            }
        }
    }
}
