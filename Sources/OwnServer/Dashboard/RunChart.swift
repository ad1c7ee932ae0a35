import Foundation
import OwnCore
import TeamStore

/// The run durations of a monitor's last runs as an inline SVG bar chart: one bar a run, oldest on
/// the left, heights to the longest run, failed runs marked. No script and no style attribute (the
/// stylesheet colours the bars), and a text alternative that says what the bars show.
struct RunChart {
    /// The most runs one chart shows.
    static let runs = 30
    static let width = 300
    static let height = 60

    struct Bar {
        var x: Int
        var y: Int
        var width: Int
        var height: Int
        var failed: Bool
        var label: String
    }

    let bars: [Bar]
    /// What the chart shows, in words: `12 runs, median 4.2 s, longest 9.8 s`.
    let summary: String

    /// The chart of the runs among `pings` (newest first, as the store gives them): the pings that
    /// ended a run, that is, carry a duration.
    init(pings: [MonitorPingRecord]) {
        // A start or a log carries no run of its own.
        let runs = pings.filter { $0.duration != nil && $0.kind != .start && $0.kind != .log }
            .prefix(Self.runs).reversed()
        let durations = runs.map { $0.duration ?? 0 }
        let longest = max(durations.max() ?? 0, 0.001)
        let slot = Self.width / Self.runs
        bars = runs.enumerated().map { index, ping in
            let duration = ping.duration ?? 0
            let height = max(1, Int((duration / longest * Double(Self.height - 2)).rounded()))
            let failed = ping.kind != .success && ping.kind != .exitStatus(0)
            return Bar(
                x: index * slot,
                y: Self.height - height,
                width: slot - 2,
                height: height,
                failed: failed,
                label: Timestamp.format(ping.at) + ": " + Self.duration(duration) + (failed ? ", failed" : "")
            )
        }
        if durations.isEmpty {
            summary = "No run has finished yet (a start ping then a finish ping times a run)."
        } else {
            let sorted = durations.sorted()
            let median =
                sorted.count % 2 == 1
                ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
            summary =
                "\(durations.count) run\(durations.count == 1 ? "" : "s"), median \(Self.duration(median)), "
                + "longest \(Self.duration(sorted.last ?? 0))"
        }
    }

    /// The values the `monitors` template draws the chart with.
    var values: [String: Any] {
        [
            "width": Self.width, "height": Self.height, "summary": summary, "hasBars": !bars.isEmpty,
            "bars": bars.map { bar in
                [
                    "x": bar.x, "y": bar.y, "width": bar.width, "height": bar.height,
                    "class": bar.failed ? "run failed" : "run", "label": bar.label,
                ] as [String: Any]
            },
        ]
    }

    /// A duration as people read it: `850 ms`, `4.2 s`, `3 min 5 s`, `2 h 10 min`, `1 h`, `2 days`.
    static func duration(_ seconds: TimeInterval) -> String {
        if seconds < 1 { return "\(Int((seconds * 1000).rounded())) ms" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        if whole % 86_400 == 0 { return whole == 86_400 ? "1 day" : "\(whole / 86_400) days" }
        if whole < 3600 { return whole % 60 == 0 ? "\(whole / 60) min" : "\(whole / 60) min \(whole % 60) s" }
        return whole % 3600 < 60 ? "\(whole / 3600) h" : "\(whole / 3600) h \(whole % 3600 / 60) min"
    }
}
