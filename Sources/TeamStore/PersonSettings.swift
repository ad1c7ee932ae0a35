public import Foundation
public import OwnCore

/// One person's settings on the team server, as the CLI's `[people.NAME]` holds them on a laptop:
/// time zone, working days and hours (in the configuration's words, `Europe/Berlin`, `Mon-Fri`,
/// `09:00-17:30`), and policy overrides (`capacity = 4`). An absent part keeps the standard one.
///
/// Time off is not a setting: it is recorded in the ledger as `away` events, which reach the server
/// by sync, so one fact has one home.
public struct PersonSettings: Sendable, Equatable {
    /// The person, as tokens and events name them.
    public var name: String
    /// An IANA time zone, such as `Europe/Berlin`; nil for UTC.
    public var zone: String?
    /// Working days, such as `Mon-Fri` or `Sun-Thu`; nil for Monday to Friday.
    public var workdays: String?
    /// Working hours, such as `09:00-17:30`; nil for 09:00-17:00.
    public var hours: String?
    /// Policy keys and values overriding the defaults for this person, such as `capacity` → `4`.
    public var policy: [String: String]

    /// Settings from their parts, checked: an unknown zone, days or hours, or policy key or value,
    /// throws `TeamStoreError.invalidPerson` saying what to fix.
    public init(
        name: String,
        zone: String? = nil,
        workdays: String? = nil,
        hours: String? = nil,
        policy: [String: String] = [:]
    ) throws {
        self.name = name
        self.zone = zone
        self.workdays = workdays
        self.hours = hours
        self.policy = policy
        guard Self.isValidName(name) else {
            throw TeamStoreError.invalidPerson(
                "\"\(name)\" cannot name a person: use 1 to 64 characters, no spaces, commas or control characters"
            )
        }
        do {
            _ = try calendar()
            _ = try self.policy(over: .defaults)
        } catch {
            throw TeamStoreError.invalidPerson("\(name): \(error)")
        }
    }

    /// Whether no person may take a name, in any case: the server's own (the author of its notices
    /// and of the incidents its monitors open), and the words every command reads as everyone or no
    /// one (`Event.isPersonName`: `all`, `none`, `nobody`).
    public static func isReserved(_ name: String) -> Bool {
        Event.isServerName(name) || !Event.isPersonName(name)
    }

    /// Whether a text can name a person: 1 to 64 characters, none of them white space, a comma (which
    /// separates names: `?owner=lee,kim` is two people, and the CLI refuses such a name) or control.
    public static func isValidName(_ name: String) -> Bool {
        !name.isEmpty && name.count <= 64
            && !name.unicodeScalars.contains {
                $0.properties.isWhitespace || $0 == "," || $0.properties.generalCategory == .control
            }
    }

    /// The person's working calendar: these settings over `base`.
    public func calendar(base: WorkingCalendar = .standard) throws(CoreError) -> WorkingCalendar {
        try WorkingCalendar(tz: zone, workdays: workdays, hours: hours, base: base)
    }

    /// `base` with this person's overrides applied.
    public func policy(over base: Policy) throws(CoreError) -> Policy {
        var result = base
        try result.apply(policy.mapValues(Self.policyValue), source: "the server's settings for \(name)")
        return result
    }

    /// A policy value as typed: a number when it reads as one, else text (`4h`, `20%`).
    static func policyValue(_ text: String) -> PolicyValue {
        Double(text).map(PolicyValue.number) ?? .text(text)
    }

    /// The settings as a JSON object, absent parts left out.
    public var json: JSONValue {
        var object: [String: JSONValue] = ["name": .string(name)]
        if let zone { object["zone"] = .string(zone) }
        if let workdays { object["workdays"] = .string(workdays) }
        if let hours { object["hours"] = .string(hours) }
        if !policy.isEmpty { object["policy"] = .object(policy.mapValues(JSONValue.string)) }
        return .object(object)
    }
}

extension Calendars {
    /// The calendars of a team's people: each person's settings over the standard calendar.
    /// Settings are checked when stored, so none throws here; one that would keeps the standard.
    public init(people: [PersonSettings]) {
        self.init()
        for person in people {
            self.people[person.name] = (try? person.calendar()) ?? .standard
        }
    }
}

extension PersonSettings {
    /// The policy overrides as the engines store them: one JSON object of strings.
    var policyJSON: String {
        JSONWriter.string(.object(policy.mapValues(JSONValue.string)))
    }

    /// Settings as an engine stored them (checked when they were set).
    init(stored name: String, zone: String?, workdays: String?, hours: String?, policyJSON: String) {
        self.name = name
        self.zone = zone
        self.workdays = workdays
        self.hours = hours
        var policy: [String: String] = [:]
        if case .object(let members)? = try? JSONParser.parse(policyJSON) {
            for (key, value) in members { if case .string(let text) = value { policy[key] = text } }
        }
        self.policy = policy
    }
}
