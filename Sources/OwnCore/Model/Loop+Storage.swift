import Foundation

/// The loop as the ledger stores its projection: compact JSON with instants as epoch seconds.
/// Not an interchange format (events are); it may change with the schema version.
extension Loop {
    /// The projection's JSON, written member by member (no intermediate dictionary): it is written
    /// once per loop on every write and for every loop on an import.
    public var storageJSON: String {
        var out = JSONObjectWriter()
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
        if !affects.isEmpty { out.value("affects", .array(affects.map(JSONValue.string))) }
        out.number("estimateHours", estimateHours)
        out.string("origin", origin)
        out.string("ux", ux)
        out.string("touches", touches)
        out.string("ifItFails", ifItFails)
        out.number("approvedAt", approvedAt?.timeIntervalSince1970)
        out.string("approvedBy", approvedBy)
        out.number("startedAt", startedAt?.timeIntervalSince1970)
        if startedWithoutQuestions { out.value("startedWithoutQuestions", .bool(true)) }
        out.number("blockedAt", blockedAt?.timeIntervalSince1970)
        out.string("blockReason", blockReason)
        out.number("helpAskedAt", helpAskedAt?.timeIntervalSince1970)
        out.string("helpAskedFrom", helpAskedFrom)
        out.number("doneAt", doneAt?.timeIntervalSince1970)
        out.string("outcome", outcome)
        if verified { out.value("verified", .bool(true)) }
        out.string("monitoredBy", monitoredBy)
        out.number("closedAt", closedAt?.timeIntervalSince1970)
        out.string("closeReason", closeReason)
        out.string("handedOffTo", handedOffTo)
        out.number("actedBeforeApprovalAt", actedBeforeApprovalAt?.timeIntervalSince1970)
        out.number("lastProgressAt", lastProgressAt?.timeIntervalSince1970)
        if !reports.isEmpty {
            out.value(
                "reports",
                .array(reports.map { .object(["at": Self.time($0.at), "channel": .string($0.channel.rawValue)]) })
            )
        }
        if !changes.isEmpty {
            out.value(
                "changes",
                .array(
                    changes.map { change in
                        var object: [String: JSONValue] = [
                            "id": .string(change.id), "type": .string(change.type.rawValue), "at": Self.time(change.at),
                            "by": .string(change.by),
                        ]
                        object["note"] = change.note.map(JSONValue.string)
                        if !change.told.isEmpty { object["told"] = .array(change.told.map(JSONValue.string)) }
                        object["value"] = change.value.map(JSONValue.string)
                        return .object(object)
                    }
                )
            )
        }
        return out.finish()
    }

    /// Reads a projection written by `storageJSON`; nil when it is not one.
    public init?(storageJSON text: String) {
        guard let value = try? JSONParser.parse(text), let m = value.objectValue,
            let key = m["key"]?.stringValue, let title = m["title"]?.stringValue,
            let owner = m["owner"]?.stringValue, let createdBy = m["createdBy"]?.stringValue,
            let createdAt = Self.date(m["createdAt"]), let lastCommunicationAt = Self.date(m["lastCommunicationAt"]),
            let lastEventAt = Self.date(m["lastEventAt"]),
            let state = m["state"]?.stringValue.flatMap(LoopState.init(rawValue:))
        else { return nil }
        self.key = key
        self.title = title
        self.owner = owner
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.lastCommunicationAt = lastCommunicationAt
        self.lastEventAt = lastEventAt
        self.state = state
        number = Int(m["number"]?.numberValue ?? 0)
        eventCount = Int(m["eventCount"]?.numberValue ?? 0)
        stakes = m["stakes"]?.stringValue.flatMap(Stakes.init(rawValue:)) ?? .medium
        kind = m["kind"]?.stringValue.flatMap(Kind.init(rawValue:)) ?? .other
        doneWhen = m["doneWhen"]?.stringValue
        due = m["due"]?.stringValue.flatMap(Due.init(json:))
        autonomyOverride = m["autonomy"]?.numberValue.map { Int($0) }
        stage = m["stage"]?.stringValue.flatMap(Stage.init(rawValue:))
        affects = m["affects"]?.arrayValue?.compactMap(\.stringValue) ?? []
        estimateHours = m["estimateHours"]?.numberValue
        origin = m["origin"]?.stringValue
        ux = m["ux"]?.stringValue
        touches = m["touches"]?.stringValue
        ifItFails = m["ifItFails"]?.stringValue
        approvedAt = Self.date(m["approvedAt"])
        approvedBy = m["approvedBy"]?.stringValue
        startedAt = Self.date(m["startedAt"])
        startedWithoutQuestions = m["startedWithoutQuestions"]?.boolValue ?? false
        blockedAt = Self.date(m["blockedAt"])
        blockReason = m["blockReason"]?.stringValue
        helpAskedAt = Self.date(m["helpAskedAt"])
        helpAskedFrom = m["helpAskedFrom"]?.stringValue
        doneAt = Self.date(m["doneAt"])
        outcome = m["outcome"]?.stringValue
        verified = m["verified"]?.boolValue ?? false
        monitoredBy = m["monitoredBy"]?.stringValue
        closedAt = Self.date(m["closedAt"])
        closeReason = m["closeReason"]?.stringValue
        handedOffTo = m["handedOffTo"]?.stringValue
        actedBeforeApprovalAt = Self.date(m["actedBeforeApprovalAt"])
        lastProgressAt = Self.date(m["lastProgressAt"])
        reports = (m["reports"]?.arrayValue ?? []).compactMap { report in
            guard let object = report.objectValue, let at = Self.date(object["at"]),
                let channel = object["channel"]?.stringValue.flatMap(ReportChannel.init(rawValue:))
            else { return nil }
            return Report(at: at, channel: channel)
        }
        changes = (m["changes"]?.arrayValue ?? []).compactMap { change in
            guard let object = change.objectValue, let id = object["id"]?.stringValue,
                let type = object["type"]?.stringValue.flatMap(EventType.init(rawValue:)),
                let at = Self.date(object["at"]), let by = object["by"]?.stringValue
            else { return nil }
            return PlanChange(
                id: id,
                type: type,
                at: at,
                by: by,
                note: object["note"]?.stringValue,
                told: object["told"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                value: object["value"]?.stringValue
            )
        }
    }

    private static func time(_ date: Date) -> JSONValue {
        .number(date.timeIntervalSince1970)
    }

    private static func date(_ value: JSONValue?) -> Date? {
        value?.numberValue.map { Date(timeIntervalSince1970: $0) }
    }
}
