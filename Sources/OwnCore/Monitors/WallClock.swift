import Foundation

/// A reading of a time zone's wall clock, with Python's `fold` (PEP 495): where the clock shows the
/// same time twice (autumn), fold 0 is the first and 1 the second; where it skips a time (spring),
/// fold 0 reads it with the offset before the change and 1 with the offset after.
///
/// `cronsim` steps through Python's zone-aware datetimes; the cron search does the same steps on
/// this value so its answers are the same, to the second, around every daylight-saving change.
/// Without a zone it is a naive clock (no offsets), as `cronsim` uses for fixed-time schedules.
struct WallClock {
    /// Seconds since 1970-01-01T00:00 as the wall clock shows them.
    var local: Int
    var fold: Int
    let zone: TimeZone?

    /// The wall clock at an instant (whole seconds), in a zone or naive (`zone` nil reads UTC).
    init(utc: Int, zone: TimeZone?) {
        self.zone = zone
        guard let zone else {
            self.local = utc
            self.fold = 0
            return
        }
        local = utc + Self.offset(zone, utc)
        fold = 0
        if instant != utc {
            fold = 1
        }
    }

    init(local: Int, fold: Int = 0, zone: TimeZone?) {
        self.local = local
        self.fold = fold
        self.zone = zone
    }

    /// The instant this reading stands for (Python's `utcoffset()` rules, fold included).
    var instant: Int {
        guard let zone else { return local }
        let before = Self.offset(zone, local - 86_400)
        let after = Self.offset(zone, local + 86_400)
        if before == after {
            return local - before
        }
        let early = local - before
        let late = local - after
        let earlyValid = Self.offset(zone, early) == before
        let lateValid = Self.offset(zone, late) == after
        switch (earlyValid, lateValid) {
        case (true, false): return early
        case (false, true): return late
        default: return fold == 0 ? early : late  // shown twice, or skipped
        }
    }

    /// Whether the zone's clock never shows this reading (a time skipped in spring).
    var isSkipped: Bool {
        guard zone != nil else { return false }
        return WallClock(utc: instant, zone: zone).local != local
    }

    /// Moves by real seconds: through UTC when zoned, on the face when naive (Python's `tick`).
    mutating func advance(seconds: Int) {
        if zone == nil {
            local += seconds
        } else {
            self = WallClock(utc: instant + seconds, zone: zone)
        }
    }

    var date: CivilDate { CivilDate(daysSinceEpoch: Self.floorDiv(local, 86_400)) }
    var secondOfDay: Int { local - Self.floorDiv(local, 86_400) * 86_400 }
    var hour: Int { secondOfDay / 3600 }
    var minute: Int { secondOfDay / 60 % 60 }
    var second: Int { secondOfDay % 60 }

    /// Sets the time of day, keeping the date and fold (Python's `replace`).
    mutating func setTime(hour: Int, minute: Int, second: Int) {
        local = Self.floorDiv(local, 86_400) * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// Midnight of a date, fold 0 (Python's `datetime.combine(date, time())`).
    mutating func setMidnight(_ date: CivilDate) {
        local = date.daysSinceEpoch * 86_400
        fold = 0
    }

    private static func offset(_ zone: TimeZone, _ utc: Int) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(utc)))
    }

    static func floorDiv(_ a: Int, _ b: Int) -> Int {
        a >= 0 ? a / b : -((-a + b - 1) / b)
    }
}
