import Foundation

/// The loop as the ledger stores its projection: compact JSON with instants as epoch seconds.
/// Not an interchange format (events are); it may change with the schema version.
extension Loop {
    /// The projection's JSON.
    public var storageJSON: String {
        var members: [String: JSONValue] = [
            "key": .string(key), "number": .number(Double(number)), "title": .string(title),
            "owner": .string(owner), "createdBy": .string(createdBy), "createdAt": Self.time(createdAt),
            "stakes": .string(stakes.rawValue), "kind": .string(kind.rawValue), "state": .string(state.rawValue),
            "lastCommunicationAt": Self.time(lastCommunicationAt), "lastEventAt": Self.time(lastEventAt),
            "eventCount": .number(Double(eventCount)),
        ]
        members["doneWhen"] = doneWhen.map(JSONValue.string)
        members["due"] = due.map { .string($0.json) }
        members["autonomy"] = autonomyOverride.map { .number(Double($0)) }
        members["stage"] = stage.map { .string($0.rawValue) }
        if !affects.isEmpty { members["affects"] = .array(affects.map(JSONValue.string)) }
        members["estimateHours"] = estimateHours.map(JSONValue.number)
        members["origin"] = origin.map(JSONValue.string)
        members["ux"] = ux.map(JSONValue.string)
        members["touches"] = touches.map(JSONValue.string)
        members["ifItFails"] = ifItFails.map(JSONValue.string)
        members["approvedAt"] = approvedAt.map(Self.time)
        members["approvedBy"] = approvedBy.map(JSONValue.string)
        members["startedAt"] = startedAt.map(Self.time)
        if startedWithoutQuestions { members["startedWithoutQuestions"] = .bool(true) }
        members["blockedAt"] = blockedAt.map(Self.time)
        members["blockReason"] = blockReason.map(JSONValue.string)
        members["helpAskedAt"] = helpAskedAt.map(Self.time)
        members["helpAskedFrom"] = helpAskedFrom.map(JSONValue.string)
        members["doneAt"] = doneAt.map(Self.time)
        members["outcome"] = outcome.map(JSONValue.string)
        if verified { members["verified"] = .bool(true) }
        members["monitoredBy"] = monitoredBy.map(JSONValue.string)
        members["closedAt"] = closedAt.map(Self.time)
        members["closeReason"] = closeReason.map(JSONValue.string)
        members["handedOffTo"] = handedOffTo.map(JSONValue.string)
        members["actedBeforeApprovalAt"] = actedBeforeApprovalAt.map(Self.time)
        members["lastProgressAt"] = lastProgressAt.map(Self.time)
        if !reports.isEmpty {
            members["reports"] = .array(
                reports.map { .object(["at": Self.time($0.at), "channel": .string($0.channel.rawValue)]) }
            )
        }
        if !changes.isEmpty {
            members["changes"] = .array(
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
        }
        return JSONWriter.string(.object(members))
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
