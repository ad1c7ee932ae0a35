import ArgumentParser
import Foundation
import OwnCLI
import OwnCore
import TeamStore

extension ServerCommand {
    /// `own server person set|list`: each person's time zone, working days and hours, policy
    /// overrides, which the server's doctor and reports judge them by, and their own channel.
    struct PersonCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "person",
            abstract: "Set and list people's working calendars and policy overrides.",
            subcommands: [Assign.self, List.self, Remove.self]
        )

        struct Assign: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "set",
                abstract: "Set a person's settings; what is not given stays as it was, `default` puts one back.",
                discussion: """
                    Example: own server person set --team payments ana --tz Europe/Berlin --workdays mon-fri \
                    --hours 09:00-17:30 --policy capacity=4 --channel https://hooks.slack.com/services/… --channel-kind slack
                    The person's own channel gets their standup digest, their hand-off reminders, and the \
                    answers to their approval requests; it is the team's channel named after them, so a \
                    person cannot take the name of one of the team's channels. A new URL keeps the kind \
                    of the channel it replaces unless --channel-kind says otherwise.
                    Time off is not set here: `own away` records it, and `own sync` brings it to the server.
                    `--tz default`, `--workdays default`, `--hours default` and `--policy KEY=default` put a \
                    setting back to the default (UTC, mon-fri, 09:00-17:00, the team's policy).
                    """
            )
            @OptionGroup var store: StoreOptions
            @Option(help: "The person's team.") var team: String
            @Argument(help: "The person, as their tokens name them.", transform: { Event.nameForm($0) })
            var name: String
            // Spelled as the configuration's keys and `own monitor add --tz` spell them; the first
            // spellings (--zone, --days) are kept for the scripts that use them.
            @Option(
                name: [.customLong("tz"), .customLong("zone")],
                help: ArgumentHelp("An IANA time zone, such as Europe/Berlin.", valueName: "zone")
            )
            var zone: String?
            @Option(
                name: [.customLong("workdays"), .customLong("days")],
                help: ArgumentHelp("Working days, such as mon-fri, sun-thu or mon,tue,thu.", valueName: "days")
            )
            var days: String?
            @Option(help: "Working hours, such as 09:00-17:30.") var hours: String?
            @Option(
                help: ArgumentHelp(
                    "A policy override KEY=VALUE, such as capacity=4 (repeat for more).",
                    valueName: "key=value"
                )
            )
            var policy: [String] = []
            @Option(
                help: ArgumentHelp(
                    "The person's own channel: an http:// or https:// URL (replaces the one they had).",
                    valueName: "url"
                )
            )
            var channel: String?
            @Option(
                name: .customLong("channel-kind"),
                help: ArgumentHelp(
                    "slack (Block Kit) or webhook (plain JSON); default: the kind of the channel it replaces, "
                        + "else webhook.",
                    valueName: "kind"
                ),
                completion: .list(["slack", "webhook"])
            )
            var channelKind: String?

            func validate() throws {
                try TeamNames.checkNotReserved(name)
                if let channelKind, Channel.Kind(rawValue: channelKind) == nil {
                    throw ValidationError("--channel-kind must be slack or webhook")
                }
                // Alone it changed nothing and said nothing.
                if channelKind != nil, channel == nil {
                    throw ValidationError("--channel-kind goes with --channel: give the channel's URL with its kind")
                }
                if let channel, !Channel.isValidURL(channel) {
                    throw ValidationError("--channel must be " + HTTPAddress.rule)
                }
            }

            func run() async throws {
                var overrides: [String: String] = [:]
                // Each key once, however spelled (`wip-limit`, `wip_limit`), as in a configuration file:
                // the last of two was kept without a word.
                var given: [String: String] = [:]
                for item in policy {
                    let parts = item.split(separator: "=", maxSplits: 1).map {
                        $0.trimming(.spaces)
                    }
                    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                        throw CLIError("--policy \"\(item)\" is not KEY=VALUE, such as capacity=4")
                    }
                    let key = parts[0].lowercased().replacingOccurrences(of: "_", with: "-")
                    if let earlier = given[key] {
                        throw CLIError("--policy \(key) is given twice (as \(earlier) and \(item)); keep one")
                    }
                    given[key] = item
                    overrides[parts[0]] = parts[1]
                }
                let (person, kind) = try await store.withStore(existing: true) { opened in
                    try await translatingStoreErrors {
                        try await TeamNames.checkNewPerson(name, team: team, in: opened)
                        let old = try await opened.person(name, team: team)
                        // Given, a value replaces the old one; `default` takes it away.
                        func setting(_ given: String?, else old: String?) -> String? {
                            guard let given = given?.trimming(.spaces) else { return old }
                            return given.lowercased() == "default" ? nil : given
                        }
                        var policy = old?.policy ?? [:]
                        for (key, value) in overrides { policy[key] = value.lowercased() == "default" ? nil : value }
                        let person = try PersonSettings(
                            name: name,
                            zone: setting(zone, else: old?.zone),
                            workdays: setting(days, else: old?.workdays),
                            hours: setting(hours, else: old?.hours),
                            policy: policy
                        )
                        try await opened.setPerson(person, team: team)
                        guard let channel else {
                            // The channel they have stays: said, as `person list` says it.
                            let kept = try await (opened as? any DeliveryStore)?.channels(team: team)
                                .first { $0.name == name }?.kind
                            return (person, kept)
                        }
                        return (person, try await replaceChannel(of: name, in: opened, url: channel))
                    }
                }
                print(
                    "set \(person.name) in \(team): \(List.describe(person))"
                        + (kind.map { " channel=\($0.rawValue)" } ?? "")
                )
            }

            /// Makes `url` the person's own channel: the team's channel named after them, moved to it
            /// when it was another (what it was sent stays sent; what waits goes there). Its kind is
            /// `--channel-kind`, else the old channel's (a Slack channel stays Slack), else webhook;
            /// returns it.
            private func replaceChannel(
                of person: String,
                in store: any TeamStore,
                url: String
            ) async throws -> Channel.Kind {
                guard let delivery = store as? any DeliveryStore else {
                    throw CLIError("this store cannot keep channels")
                }
                let old = try await delivery.channels(team: team).first { $0.name == person }
                let kind = channelKind.flatMap(Channel.Kind.init(rawValue:)) ?? old?.kind ?? .webhook
                if let old, old.url == url, old.kind == kind { return kind }
                // Moved, not made anew: the messages it was sent (today's digest) keep their keys, and
                // are not sent again to the new URL.
                if old != nil {
                    try await delivery.moveChannel(team: team, name: person, to: url, kind: kind)
                } else {
                    _ = try await delivery.addChannel(
                        Channel(team: team, name: person, kind: kind, url: url, createdAt: Date())
                    )
                }
                return kind
            }
        }

        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Remove a person from a team: their settings and their own channel.",
                discussion: """
                    Their events and loops stay, and still count where they stand (a loop they own is \
                    theirs until it is handed off). Refused while they hold a token that works: revoke it \
                    first (`own server token list --team TEAM` shows it), or they would still be a person \
                    of the team, whom a monitor or a hand-off may name. Refused too while they own a \
                    monitor: give it another owner first.
                    """
            )
            @OptionGroup var store: StoreOptions
            @Option(help: "The person's team.") var team: String
            @Argument(help: "The person, as their tokens name them.", transform: { Event.nameForm($0) })
            var name: String

            func run() async throws {
                // A name with blanks around it is the name (no person takes blanks).
                let (team, name) = (team, name.trimming(.spaces))
                let removed = try await store.withStore(existing: true) { opened in
                    try await translatingStoreErrors { () async throws -> Bool in
                        let tokens = try await opened.tokens(team: team).filter {
                            $0.person == name && $0.revokedAt == nil
                        }
                        // Each named, so that one refusal says every revoke it takes.
                        if !tokens.isEmpty {
                            let ids = tokens.map(\.id).sorted()
                            throw CLIError(
                                "\(name) holds \(ids.count == 1 ? "a token that works" : "\(ids.count) tokens that work") "
                                    + "(\(ids.joined(separator: ", "))); revoke \(ids.count == 1 ? "it" : "them") first: "
                                    + ids.map { "own server token revoke \($0)" }.joined(separator: "; ")
                            )
                        }
                        // A monitor's owner is a person of the team: their incidents would be owned by
                        // someone the team no longer has.
                        if let monitors = opened as? any MonitorStore {
                            let owned = try await monitors.monitors(team: team).filter { $0.owner == name }
                                .map(\.slug).sorted()
                            if !owned.isEmpty {
                                throw CLIError(
                                    "\(name) owns the monitors \(owned.joined(separator: ", ")) of \(team); give each "
                                        + "another owner first (the check's \"owner\" in POST /api/v3/checks/UUID), "
                                        + "or remove it (own monitor rm SLUG)"
                                )
                            }
                        }
                        let settings = try await opened.removePerson(name, team: team)
                        var channel = false
                        if let delivery = opened as? any DeliveryStore,
                            try await delivery.channels(team: team).contains(where: { $0.name == name })
                        {
                            try await delivery.removeChannel(team: team, name: name)
                            channel = true
                        }
                        return settings || channel
                    }
                }
                guard removed else { throw CLIError("\(name) is no person of \(team): nothing to remove") }
                print("removed \(name) from \(team): their settings and own channel (their events and loops stay)")
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "List a team's people and their settings.",
                discussion: """
                    The team's people are those with settings and those with a live member or lead token (with \
                    the default settings until set), by name. As JSON, an array of objects: `name`, `zone`, \
                    `workdays`, `hours` (each null where the default holds), `policy` (an object of the \
                    person's own keys) and `channel` (its kind, or null).
                    """
            )
            @OptionGroup var store: StoreOptions
            @Option(help: "The team.") var team: String
            @OptionGroup var output: FormatOptions

            func run() async throws {
                let (settled, tokens, channels) = try await store.withStore(existing: true) { opened in
                    try await translatingStoreErrors {
                        (
                            try await opened.people(team: team),
                            try await opened.tokens(team: team),
                            try await (opened as? any DeliveryStore)?.channels(team: team) ?? []
                        )
                    }
                }
                // As the team counts its people (`TeamStore.isPerson`): a working token makes one too.
                let named = Set(settled.map(\.name))
                let holders = Set(
                    tokens.filter { $0.revokedAt == nil && $0.role >= .member && !named.contains($0.person) }
                        .map(\.person)
                )
                let people = (settled + holders.compactMap { try? PersonSettings(name: $0) }).sorted {
                    $0.name < $1.name
                }
                var listing = Listing(header: ["person", "settings", "channel"])
                for person in people {
                    let kind = channels.first { $0.name == person.name }?.kind.rawValue
                    listing.add(
                        line: "\(person.name)\t\(Self.describe(person))\(kind.map { " channel=" + $0 } ?? "")",
                        cells: [person.name, Self.describe(person), kind ?? "-"],
                        object: [
                            "name": .string(person.name), "zone": person.zone.map(JSONValue.string) ?? .null,
                            "workdays": person.workdays.map(JSONValue.string) ?? .null,
                            "hours": person.hours.map(JSONValue.string) ?? .null,
                            "policy": .object(person.policy.mapValues(JSONValue.string)),
                            "channel": kind.map(JSONValue.string) ?? .null,
                        ]
                    )
                }
                listing.print(output.resolved)
            }

            /// One line: `Europe/Berlin Mon-Fri 09:00-17:30 capacity=4`, defaults named as such.
            static func describe(_ person: PersonSettings) -> String {
                let policy = person.policy.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                let days = person.workdays.map(Self.days) ?? "Mon-Fri"
                return ([person.zone ?? "UTC", days, person.hours ?? "09:00-17:00"] + policy).joined(separator: " ")
            }

            /// Days as the default is written, whatever their case was given in: `mon-fri` is `Mon-Fri`.
            static func days(_ text: String) -> String {
                var previous: Character = " "
                return String(
                    text.map { character in
                        defer { previous = character }
                        return previous.isLetter ? Character(character.lowercased()) : Character(character.uppercased())
                    }
                )
            }
        }
    }
}
