import ArgumentParser
import Foundation
import Logging
import OwnCLI
import OwnCore
import OwnOutput
import OwnServer
import TeamStore

extension ServerCommand {
    /// `own server token add|list|revoke`.
    struct TokenCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token",
            abstract: "Make, list and revoke the tokens people and bots use.",
            subcommands: [Add.self, List.self, Revoke.self]
        )

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Make a token; it is printed once, alone on the last line, and only its hash is kept."
            )
            @OptionGroup var store: StoreOptions
            @Option(help: "The team it belongs to.") var team: String
            @Option(
                help: "The person it speaks for: every event it writes is theirs.",
                transform: { Event.nameForm($0) }
            ) var person: String
            @Option(
                help: "reader (reads the team), member (also writes its own events), lead (also approves).",
                completion: .list(["reader", "member", "lead"])
            )
            var role: String

            func validate() throws {
                guard Role(rawValue: role) != nil else {
                    throw ValidationError("--role must be one of: reader, member, lead")
                }
                guard PersonSettings.isValidName(person) else {
                    throw ValidationError(
                        "--person must be a name of 1 to 64 characters, no spaces, commas or control characters"
                    )
                }
                try TeamNames.checkNotReserved(person)
            }

            func run() async throws {
                let secret = TokenSecret.generate()
                let record = TokenRecord(
                    id: TokenSecret.newID(),
                    team: team,
                    person: person,
                    role: Role(rawValue: role) ?? .reader,
                    createdAt: Date()
                )
                let asked = try await store.withStore(existing: true) { opened in
                    try await translatingStoreErrors {
                        // A member or lead token makes its person one of the team's people.
                        if record.role >= .member { try await TeamNames.checkNewPerson(person, team: team, in: opened) }
                        _ = try await opened.addToken(NewToken(record: record, hash: TokenSecret.hash(secret)))
                        // A new lead is asked for the approvals loops wait for now, not only later ones.
                        guard record.role == .lead, let inbox = opened as? any InboxStore & DeliveryStore else {
                            return [String]()
                        }
                        let notifier = Notifier(
                            store: opened,
                            delivery: inbox,
                            inbox: inbox,
                            logger: Logger(label: "own")
                        )
                        return try await notifier.askNewLead(person, team: team, at: record.createdAt)
                    }
                }
                if !asked.isEmpty {
                    StandardError.message(
                        "\(person)'s inbox now asks for the approval of \(asked.count) loop\(asked.count == 1 ? "" : "s") waiting for one: \(asked.prefix(5).joined(separator: ", "))\(asked.count > 5 ? ", …" : "")"
                    )
                }
                print("token \(record.id): \(record.person) as \(record.role.rawValue) in \(record.team); shown once:")
                print(secret)
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List tokens (never their secrets).",
                discussion:
                    "As JSON, an array of objects: `id`, `team`, `person`, `role`, `created`, `revoked` (or null)."
            )
            @OptionGroup var store: StoreOptions
            @Option(help: "Only this team's tokens.") var team: String?
            @OptionGroup var output: FormatOptions

            func run() async throws {
                let tokens = try await store.withStore(existing: true) { opened in
                    try await translatingStoreErrors {
                        if let team { try await TeamNames.checkTeam(team, in: opened) }
                        return try await opened.tokens(team: team)
                    }
                }
                var listing = Listing(header: ["id", "team", "person", "role", "created", "state"])
                for token in tokens {
                    let state = token.revokedAt.map { "revoked " + Timestamp.format($0) } ?? "active"
                    let cells = [
                        token.id, token.team, token.person, token.role.rawValue, Timestamp.format(token.createdAt),
                        state,
                    ]
                    listing.add(
                        line: cells.joined(separator: "\t"),
                        cells: cells,
                        object: [
                            "id": .string(token.id), "team": .string(token.team), "person": .string(token.person),
                            "role": .string(token.role.rawValue), "created": .string(Timestamp.format(token.createdAt)),
                            "revoked": token.revokedAt.map { .string(Timestamp.format($0)) } ?? .null,
                        ]
                    )
                }
                listing.print(output.resolved)
            }
        }

        struct Revoke: AsyncParsableCommand {
            /// The monitors of the token's person, when the revocation left them no person of the team:
            /// no other working token, no settings.
            static func monitorsLeftWithoutOwner(
                by token: TokenRecord,
                in store: any TeamStore
            ) async throws
                -> [String]
            {
                guard let monitors = store as? any MonitorStore else { return [] }
                let owned = try await monitors.monitors(team: token.team).filter { $0.owner == token.person }
                guard !owned.isEmpty else { return [] }
                let working = try await store.tokens(team: token.team).contains {
                    $0.person == token.person && $0.revokedAt == nil
                }
                let settings = try await (store as? any PeopleStore)?.person(token.person, team: token.team)
                return working || settings != nil ? [] : owned.map(\.slug).sorted()
            }

            static let configuration = CommandConfiguration(abstract: "Revoke a token: it stops working at once.")
            @OptionGroup var store: StoreOptions
            @Argument(help: "The token's id (from `own server token list`).") var id: String

            func run() async throws {
                let now = Date()
                let (token, orphaned) = try await store.withStore(existing: true) { opened in
                    try await translatingStoreErrors { () async throws -> (TokenRecord, [String]) in
                        let token = try await opened.revokeToken(id: id, at: now)
                        return (token, try await Self.monitorsLeftWithoutOwner(by: token, in: opened))
                    }
                }
                // Never refused (a token may be leaking), but said: the monitors' incidents would be
                // owned by someone the team no longer has.
                if !orphaned.isEmpty {
                    StandardError.warning(
                        "\(token.person) is no person of \(token.team) now (no working token, no settings) and owns "
                            + "the monitors \(orphaned.joined(separator: ", ")); give each another owner (the check's "
                            + "\"owner\" in POST /api/v3/checks/UUID), or a new token to \(token.person)"
                    )
                }
                // Revoked before: nothing changed, and the earlier revocation stands (said, not hidden).
                if let revoked = token.revokedAt, abs(revoked.timeIntervalSince(now)) > 0.001 {
                    print(
                        "\(token.id) (\(token.person) in \(token.team)) was revoked already, "
                            + Timestamp.format(revoked)
                    )
                } else {
                    print("revoked \(token.id) (\(token.person) in \(token.team))")
                }
            }
        }
    }
}
