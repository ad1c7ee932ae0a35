public import Foundation

/// Time zones by their IANA names: the one rule for a person's zone, the configuration's and a
/// monitor's. Foundation also takes offsets (`GMT+5`, `UTC-03:30`) and abbreviations (`PST`), which
/// would run a schedule hours off: `GMT+5` is UTC+05:00 to Foundation but UTC−05:00 in IANA's
/// `Etc/GMT+5`, and `PST` is a fixed offset with no summer time.
public enum ZoneName {
    /// The zone `name` names, or why it names none (for a message: "… \(reason)").
    public static func zone(_ name: String) -> Result<TimeZone, Refusal> {
        if let sign = name.dropFirst(3).first, ["GMT", "UTC"].contains(name.prefix(3).uppercased()),
            sign == "+" || sign == "-"
        {
            return .failure(Refusal(name: name, reason: offsetReason(name, sign: sign)))
        }
        if let place = TimeZone.abbreviationDictionary[name], !zonesNamedLikeAbbreviations.contains(name) {
            return .failure(
                Refusal(
                    name: name,
                    reason: "an abbreviation, with no summer time; name the place, such as \(place)"
                )
            )
        }
        guard let zone = TimeZone(identifier: name) else {
            return .failure(Refusal(name: name, reason: "no IANA time zone; use a name such as UTC or Europe/Berlin"))
        }
        return .success(zone)
    }

    /// Why a name is no zone.
    public struct Refusal: Error, Sendable, Equatable, CustomStringConvertible {
        public var name: String
        public var reason: String
        public var description: String { "unknown time zone \(TextEscaping.quoted(name)): it is \(reason)" }
    }

    /// Abbreviations that are zones of IANA's database too, and keep the clocks of the places that
    /// write them (UTC, or Europe's summer time): taken as those zones. IANA's EST, MST and HST are
    /// fixed offsets, and New York's EST is an hour off all summer: refused as PST is.
    private static let zonesNamedLikeAbbreviations: Set<String> = [
        "UTC", "GMT", "CET", "WET", "EET", "MET",
    ]

    private static func offsetReason(_ name: String, sign: Character) -> String {
        let hours = name.dropFirst(4)
        let reversed = sign == "+" ? "-" : "+"
        let etc =
            if let whole = Int(hours), (0...14).contains(whole) {
                " (IANA writes UTC\(sign)\(whole) as Etc/GMT\(reversed)\(whole), its sign reversed)"
            } else {
                ""
            }
        return "an offset, not a zone\(etc); name the place, such as Europe/Berlin or Asia/Karachi"
    }
}
