/// The order migrations run in, as migration tools number them: by file name, a run of digits read
/// as a number (`V2__a.sql` before `V10__b.sql`, `002_a.sql` before `010_b.sql`), then by path.
enum MigrationOrder {
    /// Whether the file at `lhs` runs before the one at `rhs`.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let (left, right) = (parts(name(lhs)), parts(name(rhs)))
        for (a, b) in zip(left, right) where a != b { return a < b }
        if left.count != right.count { return left.count < right.count }
        return lhs < rhs
    }

    /// Whether two files carry the same version, their names' first number (`V3__a.sql` and
    /// `V03__b.sql`, not `V4__a.sql`); names with no number cannot say, and count as the same.
    static func sameVersion(_ lhs: String, _ rhs: String) -> Bool {
        func version(_ path: String) -> Part? {
            parts(name(path)).first { if case .number = $0 { true } else { false } }
        }
        guard let left = version(lhs), let right = version(rhs) else { return true }
        return left == right
    }

    /// The places of `paths` in that order, from 0.
    static func ranks(_ paths: [String]) -> [String: Int] {
        var ranks: [String: Int] = [:]
        for (rank, path) in paths.sorted(by: precedes).enumerated() where ranks[path] == nil { ranks[path] = rank }
        return ranks
    }

    private static func name(_ path: String) -> Substring {
        path.lastIndex(of: "/").map { path[path.index(after: $0)...] } ?? path[...]
    }

    /// A name cut into runs of digits and of other characters, compared run by run.
    private enum Part: Comparable {
        /// Digits, by value: leading zeros dropped, then the shorter run is the smaller number.
        case number(Substring)
        case text(Substring)

        static func < (lhs: Part, rhs: Part) -> Bool {
            switch (lhs, rhs) {
            case (.number(let a), .number(let b)): return (a.count, a) < (b.count, b)
            // Flyway's `__` ends a version (`V1__a` before `V1_1__b` and `V1.1__b`, as 1 before 1.1).
            case (.text(let a), .text(let b)):
                if a.hasPrefix("__") != b.hasPrefix("__") { return a.hasPrefix("__") }
                return a < b
            case (.number, .text): return true
            case (.text, .number): return false
            }
        }
    }

    private static func parts(_ name: Substring) -> [Part] {
        var parts: [Part] = []
        var start = name.startIndex
        while start < name.endIndex {
            let isDigit = name[start].isASCII && name[start].isNumber
            let end = name[start...].firstIndex { ($0.isASCII && $0.isNumber) != isDigit } ?? name.endIndex
            let run = name[start..<end]
            parts.append(isDigit ? .number(run.drop { $0 == "0" }) : .text(run))
            start = end
        }
        return parts
    }
}
