import ArgumentParser
import Foundation
import OwnCore

extension Own {
    /// `own inbox`: the person's inbox on the team server (through the remote `own sync` uses):
    /// notices on loops that affect them, hand-offs to them, approvals they are asked for and the
    /// answers to theirs; `--read ID…` or `--read-all` marks items read.
    struct Inbox: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "inbox",
            _superCommandName: "own",
            abstract: "Read your inbox on the team server: notices, hand-offs and approvals for you.",
            discussion: """
                Shows what is unread, newest first (--all: read items too). The server fills it: a change \
                someone else made to a loop that affects you or to yours (notice), a loop handed off to you \
                or your team (handoff), a loop waiting for your approval (approval-request), an answer to \
                yours (approval-answer), and your loops someone else ended or reopened (changed). Mark items read \
                with --read ID… or --read-all.
                """
        )

        @Flag(help: "Include the items already read.") var all = false
        @Option(
            name: .customLong("read"),
            parsing: .upToNextOption,
            help: ArgumentHelp("Mark these items read.", valueName: "id")
        )
        var read: [Int] = []
        @Flag(name: .customLong("read-all"), help: "Mark every item the inbox shows read.") var readAll = false
        @OptionGroup var output: FormatOptions
        @Option(help: ArgumentHelp("Seconds the request may take.", valueName: "seconds")) var timeout = Amount(60)
        @OptionGroup var remote: RemoteOptions

        func validate() throws {
            guard read.isEmpty || !readAll else { throw ValidationError("give --read ID… or --read-all, not both") }
            guard read.allSatisfy({ $0 >= 1 }) else { throw ValidationError("--read takes item ids, 1 or more") }
            guard output.resolved == .text || (read.isEmpty && !readAll) else {
                throw ValidationError("--format and --json go with reading the inbox, not with --read or --read-all")
            }
            guard timeout.value > 0 else { throw ValidationError("--timeout must be more than 0 seconds") }
        }

        func run() throws {
            let client = try TeamServerClient(options: remote.values, timeout: timeout.value)
            if readAll || !read.isEmpty {
                let body =
                    readAll
                    ? #"{"all":true}"# : JSONWriter.string(.object(["ids": .array(read.map { .number(Double($0)) })]))
                let answer = try client.request("POST", "/api/v1/inbox/read", body: body)
                let marked = (try? JSONParser.parse(answer))?.objectValue?["marked"]?.numberValue.map(Int.init) ?? 0
                print("marked \(marked == 1 ? "1 item" : "\(marked) items") read")
                let missed = Set(read).count - marked
                if !readAll, missed > 0 {
                    Output.warning(
                        "\(Draft.count(missed, "id")) named no unread item your inbox shows (read already, gone from it, or none such); "
                            + "`own inbox --all` lists your items with their ids"
                    )
                }
                return
            }
            // The server's largest page, not its default 100: the oldest items (an approval waiting
            // for you) were left out without a word.
            let answer = try client.request(
                "GET",
                "/api/v1/inbox?limit=\(Self.pageLimit)" + (all ? "" : "&unread=true")
            )
            if output.resolved == .json {
                print(answer)
                return
            }
            guard let items = (try? JSONParser.parse(answer))?.objectValue?["items"]?.arrayValue else {
                throw CLIError("the server's answer is not an inbox; is \(client.url) an own-server?")
            }
            let lines = items.compactMap(\.objectValue).map(Self.line)
            if items.count >= Self.pageLimit {
                Output.warning(
                    "the newest \(Self.pageLimit) items are shown, and there are more: read these "
                        + "(`own inbox --read ID…`) to see the older ones"
                )
            }
            let none = all ? "your inbox is empty" : "nothing unread"
            if output.resolved == .md {
                print(
                    ReadFormat.markdown(lines.isEmpty ? [none] : [all ? "Inbox" : "Unread"] + lines.map { "  " + $0 })
                )
            } else {
                print(lines.isEmpty ? none : lines.joined(separator: "\n"))
            }
        }

        /// The most items one request reads (the server's largest `limit`).
        static let pageLimit = 1000

        /// `12  approval-request  pay-ask Ask: ana asks for your approval  (ana, 2026-11-27T12:00:00Z)`.
        static func line(_ item: [String: JSONValue]) -> String {
            let id = item["id"]?.numberValue.map { String(Int($0)) } ?? "?"
            let kind = item["kind"]?.stringValue ?? ""
            let read = item["readAt"]?.stringValue == nil ? "" : "  [read]"
            let from = TextEscaping.escaped(item["from"]?.stringValue ?? "")
            let at = item["at"]?.stringValue ?? ""
            return "\(id)  \(kind.padding(toLength: 16, withPad: " ", startingAt: 0))  "
                + "\(TextEscaping.escaped(item["text"]?.stringValue ?? ""))  (\(from), \(at))\(read)"
        }
    }
}
