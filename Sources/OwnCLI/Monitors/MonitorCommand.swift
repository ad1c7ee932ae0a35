import ArgumentParser
import Foundation
import OwnCore

extension Own {
    /// `own monitor add|list|show|pause|resume|rm`: the team's heartbeat monitors, on the team server
    /// named by `own remote`.
    struct Monitor: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "monitor",
            _superCommandName: "own",
            abstract: "Manage the team's heartbeat monitors on the team server.",
            discussion: """
                A monitor expects a job to ping on a schedule; when it does not, fails, or runs too long or too \
                short, the server opens an incident loop for the monitor's owner. The server is the one \
                `own remote` names; the monitors are healthchecks-compatible checks.
                """,
            subcommands: [Add.self, List.self, Show.self, Pause.self, Resume.self, Remove.self]
        )
    }
}

/// The options every monitor command takes.
struct MonitorOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Seconds each request to the server may take.", valueName: "seconds")) var timeout =
        Amount(30)
    @OptionGroup var remote: RemoteOptions

    func client() throws -> TeamServerClient {
        try TeamServerClient(options: remote.values, timeout: timeout.value)
    }
}

extension Own.Monitor {
    /// `own monitor add NAME (--every D | --cron EXPR [--tz ZONE]) …`.
    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a monitor (every D, or on a cron schedule in a zone).",
            usage: """
                own monitor add <name> (--every <duration> | --cron <expression> [--tz <zone>]) [--grace <duration>] \
                [--max-runtime <duration>] [--owner <person>] [--stakes <stakes>] [--parent <monitor>] …
                """,
            discussion: """
                Durations: 90s, 30m, 1h, 2d, 1h30m; each of --every, --grace and --max-runtime is 1m to 365d. \
                The owner (default: the person of your token) gets the incident loop, at the monitor's stakes.
                """
        )
        @Argument(help: "The monitor's name; its slug (for slug pings) is made from it.") var name: String
        @Option(help: ArgumentHelp("The job runs every D (a simple schedule).", valueName: "duration"))
        var every: String?
        @Option(
            help: ArgumentHelp(
                "The job runs on this 5-field cron expression, e.g. \"0 2 * * *\".",
                valueName: "expression"
            )
        )
        var cron: String?
        @Option(help: ArgumentHelp("The time zone of --cron, an IANA name (default: UTC).", valueName: "zone"))
        var tz: String?
        @Option(help: ArgumentHelp("How late a ping may be before the monitor is down.", valueName: "duration"))
        var grace = "1h"
        @Option(
            name: .customLong("max-runtime"),
            help: ArgumentHelp("How long a started run may take (default: the grace).", valueName: "duration")
        )
        var maxRuntime: String?
        @Option(
            name: .customLong("min-runtime"),
            help: ArgumentHelp("A run shorter than this is a failure.", valueName: "duration")
        )
        var minRuntime: String?
        @Option(
            name: .customLong("failure-tolerance"),
            help: ArgumentHelp("Failures in a row before it is down (1-1000).", valueName: "count")
        )
        var failureTolerance = 1
        @Option(
            help: ArgumentHelp(
                "The monitor whose outage holds this one's alerts (its name or slug).",
                valueName: "monitor"
            )
        )
        var parent: String?
        @Option(
            help: ArgumentHelp("Whose loop an incident becomes (default: your token's person).", valueName: "person")
        )
        var owner: String?
        @Option(help: "The incident loop's stakes.") var stakes: Stakes = .medium
        @Option(name: .customLong("tag"), help: "A tag (repeat for more).") var tags: [String] = []
        @Option(help: ArgumentHelp("A description.", valueName: "text")) var desc: String?
        @Option(
            help: ArgumentHelp(
                "The slug its ping URLs name it by (default: made from the name; a-z, 0-9, '-' and '_').",
                valueName: "slug"
            )
        )
        var slug: String?
        @OptionGroup var options: MonitorOptions

        /// The check's settings, checked here first so that a mistake writes nothing.
        func settings() throws -> JSONValue {
            guard (every == nil) != (cron == nil) else {
                throw CLIError("give the schedule as either --every D or --cron EXPR")
            }
            if tz != nil, cron == nil {
                throw CLIError("--tz is the zone of --cron; a monitor run --every D has none")
            }
            if !TextEscaping.isOneLine(name) {
                throw CLIError(
                    "the name is blank or holds a control character (a line break, a tab); give it one line of text"
                )
            }
            if let tag = tags.first(where: { $0.isEmpty || $0.contains(where: \.isWhitespace) }) {
                throw CLIError("--tag \"\(tag)\" is not one word; repeat --tag for each tag")
            }
            if let owner, owner.trimming(.spaces).isEmpty {
                throw CLIError("--owner is empty; a monitor needs someone whose loop an incident becomes")
            }
            do {
                let grace = try MonitorDuration.seconds(grace, option: "--grace")
                let max = try maxRuntime.map { try MonitorDuration.seconds($0, option: "--max-runtime") }
                let min = try minRuntime.map { try MonitorDuration.seconds($0, option: "--min-runtime") } ?? 0
                let timeout = try every.map { try MonitorDuration.seconds($0, option: "--every") }
                let period: MonitorSchedule.Period =
                    if let cron { try MonitorSchedule.cron(cron, zone: tz ?? "UTC") } else { .every(timeout ?? 0) }
                _ = try MonitorSchedule(
                    period: period,
                    grace: grace,
                    maxRuntime: max,
                    minRuntime: min,
                    failureTolerance: failureTolerance
                )
                var members: [String: JSONValue] = [
                    "name": .string(name), "grace": .number(grace), "stakes": .string(stakes.rawValue),
                    "min_runtime": .number(min), "failure_tolerance": .number(Double(failureTolerance)),
                    "tags": .string(tags.joined(separator: " ")),
                ]
                if let cron {
                    members["schedule"] = .string(cron)
                    members["tz"] = .string(tz ?? "UTC")
                }
                if let timeout { members["timeout"] = .number(timeout) }
                if let max { members["max_runtime"] = .number(max) }
                if let owner { members["owner"] = .string(owner) }
                if let parent { members["parent"] = .string(parent) }
                if let desc { members["desc"] = .string(desc) }
                if let slug { members["slug"] = .string(slug) }
                return .object(members)
            } catch let error as CoreError {
                throw CLIError(error.description)
            }
        }

        func run() throws {
            let body = try settings()
            let client = try options.client()
            var settings = body.objectValue ?? [:]
            if let parent {
                settings["parent"] = try client.check(parent)["uuid"] ?? .string(parent)
            }
            let check = try client.json("POST", "/api/v3/checks/", body: .object(settings)).objectValue ?? [:]
            let slug = check["slug"]?.stringValue ?? name
            print(
                "added monitor \(slug), owned by \(check["owner"]?.stringValue ?? "?"); ping it at \(check["ping_url"]?.stringValue ?? "?")"
            )
        }
    }

    /// `own monitor list [--format text|md|json]`.
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the team's monitors.",
            discussion: "As JSON, the server's `checks` array."
        )
        @OptionGroup var output: FormatOptions
        @OptionGroup var options: MonitorOptions

        func run() throws {
            let answer = try options.client().json("GET", "/api/v3/checks/")
            let checks = answer.objectValue?["checks"]?.arrayValue ?? []
            if output.resolved == .json {
                print(JSONWriter.string(.array(checks)))
                return
            }
            guard !checks.isEmpty else {
                print(
                    output.resolved == .md
                        ? "No monitors." : "no monitors; `own monitor add NAME --every 1d` adds one"
                )
                return
            }
            var rows = [["MONITOR", "STATUS", "OWNER", "SCHEDULE", "LAST PING", "INCIDENT"]]
            // In the order of the column a person reads: the slug.
            let bySlug = checks.compactMap(\.objectValue).sorted {
                ($0["slug"]?.stringValue ?? "") < ($1["slug"]?.stringValue ?? "")
            }
            for check in bySlug {
                rows.append([
                    check["slug"]?.stringValue ?? "", check["status"]?.stringValue ?? "",
                    check["owner"]?.stringValue ?? "", MonitorText.schedule(check),
                    check["last_ping"]?.stringValue ?? "never", check["loop"]?.stringValue ?? "",
                ])
            }
            print(
                output.resolved == .md
                    ? ReadFormat.table(rows[0], Array(rows.dropFirst())) : MonitorText.table(rows)
            )
        }
    }

    /// `own monitor show NAME [--format text|md|json]`.
    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a monitor: status, schedule, last pings and runs, open incident loop, last output.",
            discussion:
                "As JSON, one object: `check`, `pings`, and `output` (the last output's `ping` number and `body`, or null)."
        )
        @Argument(help: "The monitor's name or slug.") var name: String
        @OptionGroup var format: FormatOptions
        @OptionGroup var options: MonitorOptions

        func run() throws {
            let client = try options.client()
            let check = try client.check(name)
            let uuid = check["uuid"]?.stringValue ?? ""
            let pings = try client.json("GET", "/api/v3/checks/\(uuid)/pings/").objectValue?["pings"]?.arrayValue ?? []
            // What the job said last (`own run` sends its output with its exit status).
            var output: (body: String, ping: Int)?
            if let last = pings.compactMap(\.objectValue).first(where: { ($0["body_size"]?.numberValue ?? 0) > 0 }),
                let number = last["n"]?.numberValue
            {
                output = (try client.request("GET", "/api/v3/checks/\(uuid)/pings/\(Int(number))/body"), Int(number))
            }
            if format.resolved == .json {
                let last: JSONValue =
                    output.map { .object(["ping": .number(Double($0.ping)), "body": .string($0.body)]) } ?? .null
                print(JSONWriter.string(.object(["check": .object(check), "pings": .array(pings), "output": last])))
                return
            }
            // The parent by its slug, as a person named it, not its uuid (read from the team's checks,
            // so a parent that is gone leaves the uuid, not an error).
            var parentName: String?
            if let parent = check["parent"]?.stringValue {
                let checks = try client.json("GET", "/api/v3/checks/").objectValue?["checks"]?.arrayValue ?? []
                parentName =
                    checks.compactMap(\.objectValue).first { $0["uuid"]?.stringValue == parent }?["slug"]?
                    .stringValue
            }
            if format.resolved == .md {
                var text = MonitorText.markdown(check, pings: pings, parentName: parentName)
                if let output { text += "\n\n" + MonitorText.markdownOutput(output.body, ping: output.ping) }
                print(text)
                return
            }
            var text = MonitorText.details(check, pings: pings, parentName: parentName)
            if let output { text += "\n\n" + MonitorText.output(output.body, ping: output.ping) }
            print(text)
        }
    }

    /// `own monitor pause NAME`.
    struct Pause: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "pause",
            abstract: "Pause a monitor: no deadlines and no incidents until it is pinged or resumed."
        )
        @Argument(help: "The monitor's name or slug.") var name: String
        @OptionGroup var options: MonitorOptions

        func run() throws {
            let slug = try options.client().act("POST", on: name, suffix: "/pause")
            Output.confirm("paused \(slug)")
        }
    }

    /// `own monitor resume NAME`.
    struct Resume: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "resume",
            abstract: "Resume a paused monitor: it is new again and waits for its first ping."
        )
        @Argument(help: "The monitor's name or slug.") var name: String
        @OptionGroup var options: MonitorOptions

        func run() throws {
            let slug = try options.client().act("POST", on: name, suffix: "/resume")
            Output.confirm("resumed \(slug); it waits for its first ping")
        }
    }

    /// `own monitor rm NAME`.
    struct Remove: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rm",
            abstract: "Remove a monitor with its pings (its incident loops stay in the ledger)."
        )
        @Argument(help: "The monitor's name or slug.") var name: String
        @OptionGroup var options: MonitorOptions

        func run() throws {
            let slug = try options.client().act("DELETE", on: name)
            Output.confirm("removed monitor \(slug)")
        }
    }
}
