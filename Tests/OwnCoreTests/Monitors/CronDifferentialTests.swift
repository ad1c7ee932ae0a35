import Foundation
import OwnCore
import Testing

/// Compares `CronExpression` with the `cronsim` package (what healthchecks runs) on random
/// expressions, instants and zones: the same next run to the second, the same expressions refused.
@Suite("Cron against cronsim")
struct CronDifferentialTests {
    static let zones = ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"]

    /// True when `python3` (the venv's, first on PATH under scripts/test) can import cronsim.
    static let cronsimAvailable: Bool = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import cronsim"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }()

    @Test(
        "100,000 random cases across five zones: 0 mismatches",
        .enabled(if: cronsimAvailable, "needs python3 with cronsim (scripts/venv installs it)")
    )
    func randomCases() throws {
        var random = SplitMix(seed: 16)
        var cases: [(expression: String, zone: String, instant: Int)] = []
        let transitions = Dictionary(uniqueKeysWithValues: Self.zones.map { ($0, Self.transitions(of: $0)) })
        for index in 0..<100_000 {
            let zone = Self.zones[index % Self.zones.count]
            let instant: Int
            if let near = transitions[zone], !near.isEmpty, random.below(3) > 0 {
                // Most instants fall within a few hours of a daylight-saving change.
                instant = near[random.below(near.count)] + random.below(6 * 3600) - 3 * 3600
            } else {
                instant = 946_684_800 + random.below(45 * 365 * 86_400)  // 2000 … 2045
            }
            let expression = random.below(20) == 0 ? CronGenerator.invalid(&random) : CronGenerator.valid(&random)
            cases.append((expression, zone, instant))
        }

        let oracle = try Self.cronsim(cases.map { "\($0.expression)\t\($0.zone)\t\($0.instant)" })
        try #require(oracle.count == cases.count)

        var mismatches: [String] = []
        var refused = 0
        var stillAhead = 0
        for (index, item) in cases.enumerated() {
            let ours: String
            do {
                let expression = try CronExpression(item.expression)
                let zone = try #require(TimeZone(identifier: item.zone))
                let next = expression.nextRun(after: Date(timeIntervalSince1970: Double(item.instant)), in: zone)
                ours = next.map { String(Int($0.timeIntervalSince1970)) } ?? "N"
            } catch {
                ours = "E"
                refused += 1
            }
            // Within a repeated hour cronsim answers a time's first showing, before the instant; the
            // next run is strictly after it (`nextRun`), so those are checked for that instead.
            if let answer = Int(oracle[index]), answer <= item.instant {
                stillAhead += 1
                if let run = Int(ours), run > item.instant { continue }
            }
            if ours != oracle[index] {
                mismatches.append(
                    "\(item.expression) | \(item.zone) | \(item.instant): own \(ours), cronsim \(oracle[index])"
                )
            }
        }
        #expect(
            mismatches.isEmpty,
            "\(mismatches.count) mismatches, e.g.\n\(mismatches.prefix(20).joined(separator: "\n"))"
        )
        // Few cases fall in a repeated hour with a fixed time in it.
        #expect(stillAhead < 1000, "\(stillAhead) cases where cronsim answered a time before the instant")
        // The generator's invalid share (1 in 20) was refused, not silently read.
        #expect(refused > 3000 && refused < 7000)
    }

    /// The daylight-saving changes of a zone from 2000 to 2045, as UTC seconds.
    static func transitions(of identifier: String) -> [Int] {
        guard let zone = TimeZone(identifier: identifier) else {
            // Without the zone the cases would lose their daylight-saving instants and pass on less.
            Issue.record("this machine has no time zone \(identifier)")
            return []
        }
        var result: [Int] = []
        var date = Date(timeIntervalSince1970: 946_684_800)
        let end = Date(timeIntervalSince1970: 2_366_841_600)
        while let next = zone.nextDaylightSavingTimeTransition(after: date), next < end {
            result.append(Int(next.timeIntervalSince1970))
            date = next
        }
        return result
    }

    /// Runs cronsim once over all cases; each answer is a UTC second, "E" (refused) or "N" (never).
    static func cronsim(_ lines: [String]) throws -> [String] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("own-cron-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("cases.tsv")
        let output = folder.appendingPathComponent("answers.txt")
        try lines.joined(separator: "\n").appending("\n").write(to: input, atomically: true, encoding: .utf8)
        let script = """
            import sys
            from datetime import datetime
            from zoneinfo import ZoneInfo
            from cronsim import CronSim, CronSimError
            out = []
            for line in open(sys.argv[1], encoding="utf-8"):
                expr, zone, ts = line.rstrip("\\n").split("\\t")
                try:
                    it = CronSim(expr, datetime.fromtimestamp(int(ts), ZoneInfo(zone)))
                except CronSimError:
                    out.append("E")
                    continue
                try:
                    out.append(str(int(next(it).timestamp())))
                except StopIteration:
                    out.append("N")
            open(sys.argv[2], "w").write("\\n".join(out) + "\\n")
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, input.path, output.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        return try String(contentsOf: output, encoding: .utf8).split(separator: "\n").map(String.init)
    }
}

extension SplitMix {
    /// A number in 0..<bound.
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Random cron expressions in the grammar healthchecks accepts, weighted towards the hours in which
/// clocks change (1–3 at night) and towards fixed minutes and hours (searched on the wall clock).
enum CronGenerator {
    static let months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]
    static let days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"]

    static func valid(_ random: inout SplitMix) -> String {
        let minute = list(&random, 0...59, favourite: [0, 15, 30, 45, 59], names: [])
        let hour = list(&random, 0...23, favourite: [0, 1, 2, 3], names: [])
        var dayOfMonth = random.below(3) == 0 ? list(&random, 1...31, favourite: [1, 28, 29, 30, 31], names: []) : "*"
        if random.below(25) == 0 { dayOfMonth = random.pick(["L", "LW", "L,15", "1,LW"]) }
        let month = random.below(3) == 0 ? list(&random, 1...12, favourite: [3, 4, 10, 11], names: months) : "*"
        var dayOfWeek = random.below(3) == 0 ? list(&random, 0...7, favourite: [0, 5, 7], names: days) : "*"
        if random.below(25) == 0 {
            dayOfWeek = random.pick(["5L", "0L", "MON#2", "7#1", "SUN#5", "1#5,3"])
        }
        if random.below(10) == 0 { dayOfMonth = "*/\(random.below(5) + 1)" }
        let text = [minute, hour, dayOfMonth, month, dayOfWeek].joined(separator: " ")
        return random.below(10) == 0 ? text.lowercased() : text
    }

    static func list(_ random: inout SplitMix, _ range: ClosedRange<Int>, favourite: [Int], names: [String]) -> String {
        let count = random.below(6) == 0 ? 2 + random.below(2) : 1
        return (0..<count).map { _ in term(&random, range, favourite: favourite, names: names) }.joined(separator: ",")
    }

    static func term(_ random: inout SplitMix, _ range: ClosedRange<Int>, favourite: [Int], names: [String]) -> String {
        func value() -> String {
            if !names.isEmpty, random.below(4) == 0 {
                return random.pick(names)
            }
            return String(random.below(2) == 0 ? random.pick(favourite) : range.lowerBound + random.below(range.count))
        }
        func number() -> Int { range.lowerBound + random.below(range.count) }
        switch random.below(10) {
        case 0: return "*"
        case 1: return "*/\(1 + random.below(range.count / 2 + 1))"
        case 2: return "\(value())/\(1 + random.below(range.count / 2 + 1))"
        case 3, 4:
            let a = number()
            let b = min(range.upperBound, a + random.below(range.count / 3 + 1))
            return random.below(3) == 0 ? "\(a)-\(b)/\(1 + random.below(4))" : "\(a)-\(b)"
        default: return value()
        }
    }

    static func invalid(_ random: inout SplitMix) -> String {
        let bad = [
            "60 * * * *", "* 24 * * *", "* * 0 * *", "* * 32 * *", "* * * 13 *", "* * * 0 *", "* * * * 8",
            "5-1 * * * *", "*/0 * * * *", "1,,2 * * * *", "* * * FOO *", "* * * * MOO", "* * * *",
            "* * * * * * *", "*/ * * * *", "1- * * * *", "L * * * *", "* * * * MON#6", "* * * * 1#0",
            "0 0 30 2 *", "0 0 31 4,6 *", "0 0 31 2,4,6,9,11 *", "* * * * L", "* * LW-3 * *", "a * * * *",
            "-1 * * * *", "* * * JAN-FOO *", "* * * * 1L,", "0 0 31 APR *", "0 0 30-31 2 *", "", "1 2 3 4 5 6 7 8",
        ]
        return random.pick(bad)
    }
}
