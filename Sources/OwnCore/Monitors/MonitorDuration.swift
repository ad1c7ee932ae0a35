/// A monitor's period, grace or runtime as a person types it: `90s`, `30m`, `1h`, `2d`, `1w`, or a
/// sum such as `1h30m`; a bare number is seconds.
public enum MonitorDuration {
    /// The seconds a duration stands for; throws a message naming `option` when it cannot be read.
    public static func seconds(_ text: String, option: String) throws(CoreError) -> Double {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
        // A bare number has no unit to read it in: `--every 120` meant as two hours went down after two
        // minutes. Only 0 is the same in every unit.
        if let plain = Int(text) {
            guard plain == 0 else {
                throw .invalidSchedule(
                    "\(option) \(text) has no unit; write \(text)s for seconds, \(text)m for minutes or \(text)h for hours"
                )
            }
            return 0
        }
        var total = 0.0
        var digits = ""
        for character in text.lowercased() {
            if character.isASCII, character.isNumber {
                digits.append(character)
            } else if let unit = units[character], let value = Int(digits) {
                total += Double(value) * unit
                digits = ""
            } else {
                throw error(text, option)
            }
        }
        guard digits.isEmpty, !text.isEmpty else { throw error(text, option) }
        return total
    }

    /// A duration in the shortest of these forms: `45s`, `30m`, `1h`, `1h30m`, `2d`.
    public static func text(_ seconds: Double) -> String {
        var rest = Int(seconds.rounded())
        var parts = ""
        for (unit, size) in [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)] where rest >= size {
            parts += "\(rest / size)\(unit)"
            rest %= size
        }
        return parts.isEmpty ? "0s" : parts
    }

    private static func error(_ text: String, _ option: String) -> CoreError {
        .invalidSchedule(
            "cannot read \(option) \(TextEscaping.quoted(text)); use a number with a unit: 90s, 30m, 1h, 2d, 1h30m"
        )
    }
}
