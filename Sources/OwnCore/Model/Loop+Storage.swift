public import Foundation

/// The loop as the ledger stores its projection: compact JSON with instants as epoch seconds.
/// Not an interchange format (events are); it may change with the schema version.
extension Loop {
    /// The projection's JSON, written member by member (no intermediate dictionary): it is written
    /// once per loop on every write and for every loop on an import.
    public var storageJSON: String {
        var out = JSONObjectWriter(capacity: 1024)
        out.string("key", key)
        out.number("number", Double(number))
        out.string("title", title)
        out.string("owner", owner)
        out.string("createdBy", createdBy)
        out.number("createdAt", createdAt.timeIntervalSince1970)
        out.string("stakes", stakes.rawValue)
        out.string("kind", kind.rawValue)
        out.string("state", state.rawValue)
        out.number("lastCommunicationAt", lastCommunicationAt.timeIntervalSince1970)
        out.number("lastEventAt", lastEventAt.timeIntervalSince1970)
        out.number("eventCount", Double(eventCount))
        out.string("doneWhen", doneWhen)
        out.string("due", due?.json)
        out.number("autonomy", autonomyOverride.map(Double.init))
        out.string("stage", stage?.rawValue)
        out.strings("affects", affects)
        out.number("estimateHours", estimateHours)
        out.string("origin", origin)
        out.string("project", project)
        out.strings("tags", tags)
        out.string("ux", ux)
        out.string("touches", touches)
        out.string("ifItFails", ifItFails)
        out.number("approvedAt", approvedAt?.timeIntervalSince1970)
        out.string("approvedBy", approvedBy)
        out.number("startedAt", startedAt?.timeIntervalSince1970)
        if startedWithoutQuestions { out.bool("startedWithoutQuestions", true) }
        out.number("blockedAt", blockedAt?.timeIntervalSince1970)
        out.string("blockReason", blockReason)
        out.number("helpAskedAt", helpAskedAt?.timeIntervalSince1970)
        out.string("helpAskedFrom", helpAskedFrom)
        out.number("doneAt", doneAt?.timeIntervalSince1970)
        out.string("outcome", outcome)
        if verified { out.bool("verified", true) }
        out.string("monitoredBy", monitoredBy)
        out.number("closedAt", closedAt?.timeIntervalSince1970)
        out.string("closeReason", closeReason)
        out.string("handedOffTo", handedOffTo)
        out.string("delegatedBy", delegatedBy)
        out.number("handedOffAt", handedOffAt?.timeIntervalSince1970)
        out.number("acceptedAt", acceptedAt?.timeIntervalSince1970)
        out.number("ownedSince", ownedSince?.timeIntervalSince1970)
        out.string("ownedFrom", ownedFrom)
        out.number("actedBeforeApprovalAt", actedBeforeApprovalAt?.timeIntervalSince1970)
        out.number("lastProgressAt", lastProgressAt?.timeIntervalSince1970)
        out.strings("notes", notes)
        out.objects("reports", reports) { report, object in
            object.number("at", report.at.timeIntervalSince1970)
            object.string("channel", report.channel.rawValue)
            if let covers = report.covers { object.strings("covers", covers, always: true) }
        }
        // Members in name order, as they always were.
        out.objects("changes", changes) { change, object in
            object.number("at", change.at.timeIntervalSince1970)
            object.string("by", change.by)
            object.string("id", change.id)
            object.string("note", change.note)
            object.string("previous", change.previous)
            object.strings("told", change.told)
            object.string("type", change.type.rawValue)
            object.string("value", change.value)
        }
        out.objects("guards", guards) { item, object in
            object.number("at", item.at.timeIntervalSince1970)
            object.string("by", item.by)
            object.string("text", item.text)
        }
        return out.finish()
    }

    /// Reads a projection written by `storageJSON`; nil when it is not one. It walks the members in
    /// place (no dictionary): commands read tens to thousands of loops, one of these each.
    ///
    /// `reading` leaves out the members a command never reads (`Reading`).
    public init?(storageJSON text: String, reading: Reading = .whole) {
        var copy = text
        guard let loop = copy.withUTF8({ bytes in Self(storageJSON: bytes, reading: reading) }) else { return nil }
        self = loop
    }

    /// The same from the stored JSON's UTF-8 bytes where they lie (a row SQLite holds), so that no
    /// string is made of the whole text first.
    public init?(storageJSON bytes: UnsafeBufferPointer<UInt8>, reading: Reading = .whole) {
        // Read into `self` in place: a loop is large, and a local copied into `self` at the end
        // (`var loop = self` … `self = loop`) retained and released every string it held, twice.
        self.init(unread: Date(timeIntervalSince1970: 0))
        guard (try? Self.read(bytes, reading: reading, into: &self)) == true else { return nil }
    }

    /// How much of a stored loop a command reads: the members it never reads are stepped over and
    /// left empty, which spares it their strings (most of what reading a loop allocates).
    public enum Reading: Sendable {
        /// Every member.
        case whole
        /// All but the notes, which no rule of the doctor reads.
        case withoutNotes
        /// All but the notes, and without the plan changes of a loop whose last event is before the
        /// instant (each change is an event, so all of them are): the standup's, which reports the
        /// changes in its window only. A loop stored with its changes before its `lastEventAt` has
        /// them read all the same.
        case withoutNotesOrChangesBefore(Date)
        /// What a list shows and orders by (`LoopJSON`, `own list`'s table, `byUrgency`): the
        /// members a loop cannot do without and the fields of its JSON. No history (notes, plan
        /// changes, reports, guards, when it started, was approved, asked for help or was handed
        /// off). (`verified` and `monitoredBy` were left out, and `list --json` said a verified loop
        /// was not.)
        case listing
        /// What the text and Markdown tables of `own list` show and order by (`byUrgency`): the title,
        /// owner, state, stakes, kind, number, creation and due date (not the key, who created it or
        /// when it last changed).
        case table

        /// Whether the reading is done at this member: it needs none stored after it. A body holds its
        /// members in the order `storageJSON` writes them (`StoredMember`: every body since the
        /// ledger's v3 and every team store's, as `LoopStorageTests` holds the writer to), so the
        /// rest (a loop's notes and history, most of its bytes) is not walked.
        func endsAt(_ member: StoredMember) -> Bool {
            switch self {
            case .whole, .withoutNotes, .withoutNotesOrChangesBefore: false
            case .listing:
                switch member {
                case .handedOffAt, .acceptedAt, .ownedSince, .ownedFrom, .actedBeforeApprovalAt, .lastProgressAt,
                    .notes, .reports, .changes, .guards:
                    true
                default: false
                }
            case .table:
                switch member {
                case .key, .number, .title, .owner, .createdBy, .createdAt, .stakes, .kind, .state,
                    .lastCommunicationAt, .lastEventAt, .eventCount, .doneWhen, .due:
                    false
                default: true
                }
            }
        }

        /// Whether this reading steps over a member.
        func skips(_ member: StoredMember) -> Bool {
            switch self {
            case .whole: false
            case .withoutNotes, .withoutNotesOrChangesBefore: member == .notes
            case .listing:
                switch member {
                case .key, .number, .title, .owner, .createdBy, .createdAt, .stakes, .kind, .state,
                    .lastCommunicationAt, .lastEventAt, .doneWhen, .due, .autonomy, .stage, .affects, .estimateHours,
                    .project, .tags, .blockedAt, .blockReason, .outcome, .delegatedBy, .origin, .ux, .touches,
                    .ifItFails, .verified, .monitoredBy:
                    false
                default: true
                }
            case .table:
                switch member {
                case .number, .title, .owner, .createdAt, .stakes, .kind, .state, .due: false
                default: true
                }
            }
        }
    }

    /// A loop with nothing read yet: the members it cannot do without are filled in as they are read.
    private init(unread epoch: Date) {
        (key, title, owner, createdBy) = ("", "", "", "")
        (createdAt, lastCommunicationAt, lastEventAt) = (epoch, epoch, epoch)
    }

    /// Reads the members into `loop`, made `init(unread:)`; whether they make a loop.
    private static func read(
        _ bytes: UnsafeBufferPointer<UInt8>,
        reading: Reading,
        into loop: inout Loop
    ) throws(JSONParser.Failure) -> Bool {
        // The members a loop cannot do without, a bit each (`StoredMember.requiredBit`).
        var required = 0
        var cursor = JSONParser.Cursor(bytes: bytes)
        cursor.skipSpace()
        let whole = try cursor.knownMembers(depth: 0, StoredMember.names, stop: reading.endsAt) {
            member,
            value throws(JSONParser.Failure) in
            guard let member, !reading.skips(member) else {
                // A member a loop cannot do without, stepped over, is there all the same.
                if let member { required |= member.requiredBit }
                return try value.skip(depth: 1)
            }
            switch member {
            case .key, .title, .owner, .createdBy:
                guard let text = try value.stringValue(depth: 1) else { return }
                switch member {
                case .key: loop.key = text
                case .title: loop.title = text
                case .owner: loop.owner = text
                default: loop.createdBy = text
                }
            case .createdAt, .lastCommunicationAt, .lastEventAt:
                guard let date = try value.dateValue() else { return }
                switch member {
                case .createdAt: loop.createdAt = date
                case .lastCommunicationAt: loop.lastCommunicationAt = date
                default: loop.lastEventAt = date
                }
            case .state:
                guard let state = try value.knownValue(LoopState.names, depth: 1) else { return }
                loop.state = state
            case .number: loop.number = Int(try value.numberValue(depth: 1) ?? 0)
            case .eventCount: loop.eventCount = Int(try value.numberValue(depth: 1) ?? 0)
            case .stakes: loop.stakes = try value.knownValue(Stakes.names, depth: 1) ?? .medium
            case .kind: loop.kind = try value.knownValue(Kind.names, depth: 1) ?? .other
            case .doneWhen: loop.doneWhen = try value.stringValue(depth: 1)
            case .due: loop.due = try value.stringValue(depth: 1).flatMap(Due.init(json:))
            case .autonomy: loop.autonomyOverride = try value.numberValue(depth: 1).map { Int($0) }
            case .stage: loop.stage = try value.knownValue(Stage.names, depth: 1)
            case .affects: loop.affects = try value.stringsValue(depth: 1) ?? []
            case .estimateHours: loop.estimateHours = try value.numberValue(depth: 1)
            case .origin: loop.origin = try value.stringValue(depth: 1)
            case .project: loop.project = try value.stringValue(depth: 1)
            case .tags: loop.tags = try value.stringsValue(depth: 1) ?? []
            case .ux: loop.ux = try value.stringValue(depth: 1)
            case .touches: loop.touches = try value.stringValue(depth: 1)
            case .ifItFails: loop.ifItFails = try value.stringValue(depth: 1)
            case .approvedAt: loop.approvedAt = try value.dateValue()
            case .approvedBy: loop.approvedBy = try value.stringValue(depth: 1)
            case .startedAt: loop.startedAt = try value.dateValue()
            case .startedWithoutQuestions: loop.startedWithoutQuestions = try value.boolValue(depth: 1) ?? false
            case .blockedAt: loop.blockedAt = try value.dateValue()
            case .blockReason: loop.blockReason = try value.stringValue(depth: 1)
            case .helpAskedAt: loop.helpAskedAt = try value.dateValue()
            case .helpAskedFrom: loop.helpAskedFrom = try value.stringValue(depth: 1)
            case .doneAt: loop.doneAt = try value.dateValue()
            case .outcome: loop.outcome = try value.stringValue(depth: 1)
            case .verified: loop.verified = try value.boolValue(depth: 1) ?? false
            case .monitoredBy: loop.monitoredBy = try value.stringValue(depth: 1)
            case .closedAt: loop.closedAt = try value.dateValue()
            case .closeReason: loop.closeReason = try value.stringValue(depth: 1)
            case .handedOffTo: loop.handedOffTo = try value.stringValue(depth: 1)
            case .delegatedBy: loop.delegatedBy = try value.stringValue(depth: 1)
            case .handedOffAt: loop.handedOffAt = try value.dateValue()
            case .acceptedAt: loop.acceptedAt = try value.dateValue()
            case .ownedSince: loop.ownedSince = try value.dateValue()
            case .ownedFrom: loop.ownedFrom = try value.stringValue(depth: 1)
            case .actedBeforeApprovalAt: loop.actedBeforeApprovalAt = try value.dateValue()
            case .lastProgressAt: loop.lastProgressAt = try value.dateValue()
            case .notes: loop.notes = try value.stringsValue(depth: 1) ?? []
            case .reports:
                try value.elements(depth: 1) { element throws(JSONParser.Failure) in
                    if let report = try element.report() { loop.reports.append(report) }
                }
            case .changes:
                if case .withoutNotesOrChangesBefore(let instant) = reading,
                    required & StoredMember.lastEventAt.requiredBit != 0, loop.lastEventAt < instant
                {
                    return try value.skip(depth: 1)
                }
                try value.elements(depth: 1) { element throws(JSONParser.Failure) in
                    if let change = try element.planChange() { loop.changes.append(change) }
                }
            case .guards:
                try value.elements(depth: 1) { element throws(JSONParser.Failure) in
                    if let item = try element.guardRecord() { loop.guards.append(item) }
                }
            }
            // Read (a member of the wrong kind returned above, unread).
            required |= member.requiredBit
        }
        // Ended early (`Reading.endsAt`), the rest is not checked: the ledger checked it when it wrote it.
        guard whole else { return required == StoredMember.allRequired }
        cursor.skipSpace()
        return cursor.index == bytes.count && required == StoredMember.allRequired
    }
}

/// The members of a stored loop, in the order `storageJSON` writes them, which is the order the
/// reader looks for them in (`JSONParser.Cursor.knownMembers`). A reading that needs only the first
/// members stops at the first it does not (`Loop.Reading.endsAt`): a member added here goes in its
/// place in `storageJSON` too (`LoopStorageTests` checks the two agree).
enum StoredMember: String, CaseIterable {
    case key, number, title, owner, createdBy, createdAt, stakes, kind, state, lastCommunicationAt, lastEventAt
    case eventCount, doneWhen, due, autonomy, stage, affects, estimateHours, origin, project, tags, ux, touches
    case ifItFails, approvedAt, approvedBy, startedAt, startedWithoutQuestions, blockedAt, blockReason
    case helpAskedAt, helpAskedFrom, doneAt, outcome, verified, monitoredBy, closedAt, closeReason, handedOffTo
    case delegatedBy, handedOffAt, acceptedAt, ownedSince, ownedFrom, actedBeforeApprovalAt, lastProgressAt, notes
    case reports, changes, guards

    static let names = JSONParser.KnownNames<Self>()

    /// Every member's `requiredBit`: a stored loop has all of them.
    static let allRequired = allCases.reduce(0) { $0 | $1.requiredBit }

    /// The member's bit in `Loop.read`'s record of the members a loop cannot do without; 0 for another.
    var requiredBit: Int {
        switch self {
        case .key: 1
        case .title: 2
        case .owner: 4
        case .createdBy: 8
        case .createdAt: 16
        case .lastCommunicationAt: 32
        case .lastEventAt: 64
        case .state: 128
        default: 0
        }
    }
}

extension JSONParser.Cursor {
    /// An instant stored as epoch seconds.
    fileprivate mutating func dateValue() throws(JSONParser.Failure) -> Date? {
        try numberValue(depth: 1).map { Date(timeIntervalSince1970: $0) }
    }

    /// A stored `reported` entry: `{"at", "channel"}`.
    fileprivate mutating func report() throws(JSONParser.Failure) -> Loop.Report? {
        var at: Date?
        var channel: ReportChannel?
        var covers: [String]?
        try knownMembers(depth: 2, StoredReport.names) { member, value throws(JSONParser.Failure) in
            switch member {
            case .at: at = try value.dateValue()
            case .channel: channel = try value.knownValue(ReportChannel.names, depth: 3)
            case .covers: covers = try value.stringsValue(depth: 3)
            case nil: try value.skip(depth: 3)
            }
        }
        guard let at, let channel else { return nil }
        return Loop.Report(at: at, channel: channel, covers: covers)
    }

    /// A stored guard: `{"at", "by", "text"}`.
    fileprivate mutating func guardRecord() throws(JSONParser.Failure) -> Loop.Guard? {
        var (at, by, text): (Date?, String?, String?) = (nil, nil, nil)
        try knownMembers(depth: 2, StoredGuard.names) { member, value throws(JSONParser.Failure) in
            switch member {
            case .at: at = try value.dateValue()
            case .by: by = try value.stringValue(depth: 3)
            case .text: text = try value.stringValue(depth: 3)
            case nil: try value.skip(depth: 3)
            }
        }
        guard let at, let by, let text else { return nil }
        return Loop.Guard(at: at, by: by, text: text)
    }

    /// A stored change to the plan: `{"at", "by", "id", "note", "previous", "told", "type", "value"}`.
    fileprivate mutating func planChange() throws(JSONParser.Failure) -> Loop.PlanChange? {
        var (id, type, at, by): (String?, EventType?, Date?, String?) = (nil, nil, nil, nil)
        var (note, told, value, previous): (String?, [String], String?, String?) = (nil, [], nil, nil)
        try knownMembers(depth: 2, StoredChange.names) { name, member throws(JSONParser.Failure) in
            switch name {
            case .id: id = try member.stringValue(depth: 3)
            case .type: type = try member.knownValue(EventType.names, depth: 3)
            case .at: at = try member.dateValue()
            case .by: by = try member.stringValue(depth: 3)
            case .note: note = try member.stringValue(depth: 3)
            case .told: told = try member.stringsValue(depth: 3) ?? []
            case .value: value = try member.stringValue(depth: 3)
            case .previous: previous = try member.stringValue(depth: 3)
            case nil: try member.skip(depth: 3)
            }
        }
        guard let id, let type, let at, let by else { return nil }
        return Loop.PlanChange(
            id: id,
            type: type,
            at: at,
            by: by,
            note: note,
            told: told,
            value: value,
            previous: previous
        )
    }
}

/// The members of a stored report, guard and plan change, in the order `storageJSON` writes them.
private enum StoredReport: String, CaseIterable {
    case at, channel, covers

    static let names = JSONParser.KnownNames<Self>()
}

private enum StoredGuard: String, CaseIterable {
    case at, by, text

    static let names = JSONParser.KnownNames<Self>()
}

private enum StoredChange: String, CaseIterable {
    case at, by, id, note, previous, told, type, value

    static let names = JSONParser.KnownNames<Self>()
}
