extension Loop {
    /// The fields of an edit that would change the loop: a field set to the value it already has is
    /// left out, so a command that changes nothing records nothing.
    public func changedFields(_ fields: EventFields) -> EventFields {
        fields.filter { name, value in
            var edited = self
            edited.apply(
                // As anyone's edit: the owner's may not change the stakes of a loop awaiting approval,
                // which the CLI and the server refuse by name rather than drop (`editApproves`). Its
                // owner, though, as only someone who may change the owner changes it in a fold.
                Event(
                    id: "",
                    loop: key,
                    at: lastEventAt,
                    by: name == "owner" ? owner : "",
                    type: .edited,
                    fields: [name: value]
                )
            )
            edited.eventCount = eventCount
            edited.lastEventAt = lastEventAt
            return edited != self
        }
    }
}
