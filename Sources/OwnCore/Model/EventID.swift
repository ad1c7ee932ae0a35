public import Foundation
import Synchronization

/// Makes event ids that sort, as text, in the order they were made: the layout of a version 7 UUID
/// (RFC 9562), the milliseconds since 1970 of the instant of recording first, then its sub-millisecond
/// fraction, then random bits. Two ids made one after the other by the same maker always sort in that
/// order (a later one that would not is the previous one plus one).
///
/// Ties between events at the same `at` fold by id (`Event.foldsBefore`), so the order a person (or
/// a script) recorded them in is the order every ledger folds them in. The instant is the wall clock
/// when the event is recorded, not the `at` it is dated: a script's events at one `--now` still
/// differ in when they were recorded.
public struct EventID: Sendable {
    private var last: (high: UInt64, low: UInt64) = (0, 0)

    /// A maker that has made no id yet.
    public init() {}

    /// The next id, recorded at `recordedAt`, with `random` for its last 62 bits.
    public mutating func next(recordedAt: Date, random: UInt64) -> String {
        let seconds = max(0, recordedAt.timeIntervalSince1970)
        let milliseconds = UInt64(seconds * 1000) & 0xFFFF_FFFF_FFFF
        let fraction = seconds * 1000 - Double(UInt64(seconds * 1000))
        let subMillisecond = UInt64(max(0, min(4095, fraction * 4096)))
        var high = milliseconds << 16 | 0x7000 | subMillisecond
        var low = 0x8000_0000_0000_0000 | (random & 0x3FFF_FFFF_FFFF_FFFF)
        if (high, low) <= last {
            (high, low) = last
            if low & 0x3FFF_FFFF_FFFF_FFFF == 0x3FFF_FFFF_FFFF_FFFF {
                high += 1
                low = 0x8000_0000_0000_0000
            } else {
                low += 1
            }
        }
        last = (high, low)
        return Self.text(high: high, low: low)
    }

    private static func text(high: UInt64, low: UInt64) -> String {
        func hex(_ value: UInt64, _ digits: Int) -> String {
            let text = String(value, radix: 16)
            return String(repeating: "0", count: digits - text.count) + text
        }
        return hex(high >> 32, 8) + "-" + hex(high >> 16 & 0xFFFF, 4) + "-" + hex(high & 0xFFFF, 4) + "-"
            + hex(low >> 48, 4) + "-" + hex(low & 0xFFFF_FFFF_FFFF, 12)
    }
}

extension EventID {
    /// Whether `id` is one `own` made (`make`), or the next of a command that recorded several events
    /// (`X.2`, `X.3`): ids that sort, as text, in the order they were recorded, whatever their `at`.
    public static func isMade(_ id: String) -> Bool {
        let utf8 = Array(id.utf8.prefix(37))
        guard utf8.count >= 36 else { return false }
        for (index, byte) in utf8.prefix(36).enumerated() {
            switch index {
            case 8, 13, 18, 23: if byte != UInt8(ascii: "-") { return false }
            case 14: if byte != UInt8(ascii: "7") { return false }
            default:
                guard
                    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                        || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte)
                else { return false }
            }
        }
        let rest = id.utf8.dropFirst(36)
        return rest.isEmpty
            || (rest.first == UInt8(ascii: ".") && rest.count > 1
                && rest.dropFirst().allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) })
    }

    /// The process's maker: ids made one after another sort in that order, even within one millisecond.
    private static let shared = Mutex(EventID())

    /// A new event id that sorts after every id this process made before it, stamped with the wall
    /// clock on purpose: it orders recording, whatever instant the event is dated. The CLI's and the
    /// server's events alike.
    public static func make() -> String {
        let random = UInt64.random(in: .min ... .max)
        return shared.withLock { $0.next(recordedAt: Date(), random: random) }
    }
}
