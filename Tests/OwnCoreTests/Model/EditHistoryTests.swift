import OwnCore
import Testing

/// What an edit says in a loop's history (`own show`, the dashboard's loop page).
@Suite("An edit in a loop's history")
struct EditHistoryTests {
    static func edit(_ fields: EventFields) -> Event {
        Event(
            id: "e1",
            loop: "L",
            at: Timestamp.parse("2026-11-27T10:00:00Z")!,
            by: "ana",
            type: .edited,
            fields: fields
        )
    }

    /// Found by an audit: an imported edit clearing the project with an empty text (which the fold
    /// reads as cleared) showed `edited: project ` with nothing after it.
    @Test func aFieldClearedAnyWayItCanBeIsSaidCleared() {
        let line = Self.edit(["project": "", "due": .null, "tags": .array([]), "title": "Invoices v2"]).historyLine
        #expect(line == #"edited: due cleared; project cleared; tags cleared; title "Invoices v2""#)
        #expect(
            Event.editedNames(Self.edit(["project": "", "stage": .null]).fields) == "project cleared, stage cleared"
        )
    }

    /// Only a project is cleared by an empty text: an empty answer (which an import refuses) is not.
    @Test func valuesAreShownAsTheyWereGiven() {
        #expect(
            Self.edit(["project": "web.checkout", "tags": ["a", "b"]]).historyLine
                == "edited: project web.checkout; tags a, b"
        )
        #expect(Event.editedNames(Self.edit(["ux": ""]).fields) == "ux")
    }
}
