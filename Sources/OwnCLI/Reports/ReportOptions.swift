import ArgumentParser
import OwnCore

/// Whose report: every report but the notice, which is its loop's owner's.
struct ReportOwner: ParsableArguments {
    @Option(
        help: ArgumentHelp("Whose report (default: you; `all`: one for each person).", valueName: "person"),
        completion: .list(["all"]),
        transform: OwnerOption.parse
    )
    var owner: String?
}

/// The options every report takes: in which format, whether to post it and mark it.
struct ReportOptions: ParsableArguments {
    @Option(help: "text for a terminal (the default), md to paste, json, or slack (Block Kit).")
    var format: ReportFormat?

    @Flag(help: "Same as --format json.")
    var json = false

    @Flag(help: "Record a `reported` event on each loop the report includes (after a successful --post).")
    var mark = false

    @Option(
        help: ArgumentHelp(
            "Send the report to a webhook: a URL, or a name from the configuration's [post] table.",
            valueName: "url|name"
        )
    )
    var post: String?

    @Option(
        name: .customLong("post-timeout"),
        help: ArgumentHelp("Seconds per post attempt, up to 86400 (a day).", valueName: "seconds")
    )
    var postSeconds = Amount(10)
    /// Seconds per post attempt (`--post-timeout`).
    var postTimeout: Double { postSeconds.value }

    /// The format asked for: `--json` or `--format`, else text.
    func resolvedFormat() -> ReportFormat {
        json ? .json : format ?? .text
    }

    func validate() throws {
        _ = try FormatOptions.resolved(format: format, json: json, jsonFormat: .json)
        // Bounded as `own-post` takes it: SwiftNIO counts it in nanoseconds, and 1e12 or inf stopped
        // own-post with a crash (found by an audit of a like option).
        guard postTimeout > 0, postTimeout <= 86_400 else {
            throw ValidationError("--post-timeout must be more than 0 seconds, and at most 86400 (a day)")
        }
    }
}
