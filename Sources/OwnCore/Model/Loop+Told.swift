extension Loop {
    /// The one definition of whether the people depending on a loop heard of a change to its plan:
    /// the change names someone as `told`, a later change to plan names someone (telling them the
    /// plan as it now stands tells them of this change too), or a `reported` event (a notice, a
    /// standup …) told of it: one that names it among what it covers (or, made before marks named
    /// what they covered, one at or after it). A report or a telling that comes late still counts:
    /// sending it is the fix. The doctor's `uncommunicated-change`, whether a done loop is settled,
    /// and every report's "changes to plan" all ask this.
    /// Inlined where it is asked, as `planChangesNeedTelling` is.
    @inline(__always)
    public func wasTold(_ change: PlanChange) -> Bool {
        change.toldSomeone || toldLater(than: change) != nil || report(after: change) != nil
    }

    /// The first later change to plan that names someone as `told`, which told of this one too.
    /// Later in the loop's order (`changes` is in fold order): a change recorded in the same second
    /// before this one told nobody of it.
    public func toldLater(than change: PlanChange) -> PlanChange? {
        guard let index = changes.firstIndex(where: { $0.id == change.id }) else {
            return changes.first { $0.at > change.at && $0.toldSomeone }
        }
        return changes[(index + 1)...].first(where: \.toldSomeone)
    }

    /// The first report that told of a change to plan (`Report.told`).
    public func report(after change: PlanChange) -> Report? {
        reports.first { $0.told(change.id, at: change.at) }
    }
}
