import OwnCore
import Testing

@Suite("An event's fields")
struct EventFieldsTests {
    @Test func equalWhateverTheirOrderAsADictionaryIs() {
        let one: EventFields = ["title": "Invoices", "stakes": "high", "tags": ["billing"]]
        let other: EventFields = ["tags": ["billing"], "title": "Invoices", "stakes": "high"]
        #expect(one == other && one.hashValue == other.hashValue)
        #expect(one != ["title": "Invoices", "stakes": "high"])
        #expect(one != ["title": "Invoices", "stakes": "low", "tags": ["billing"]])
        #expect(one.dictionary == ["title": "Invoices", "stakes": "high", "tags": ["billing"]])
        #expect(EventFields(one.dictionary) == one)
    }

    @Test func aValueIsReplacedAddedLastOrRemoved() {
        var fields: EventFields = ["title": "Invoices", "due": "2026-12-04"]
        fields["title"] = "Invoices v2"
        fields["note"] = "renamed"
        fields["due"] = nil
        fields["absent"] = nil
        #expect(fields.keys == ["title", "note"] && fields.values == ["Invoices v2", "renamed"])
        #expect(fields.count == 2 && !fields.isEmpty && fields["due"] == nil)
        #expect(fields.filter { $0.key == "note" } == ["note": "renamed"])
    }

    /// A member named twice is refused however many come before it: past a few, names are looked up
    /// in a set, not compared in turn.
    @Test(arguments: [1, 31, 32, 33, 100])
    func aMemberNamedTwiceIsRefused(before: Int) throws {
        let members = (0..<before).map { #","m\#($0)":\#($0)"# }.joined()
        let line = #"{"id":"e1","loop":"L1","at":"2026-11-27T09:00:00Z","by":"ana","type":"noted""# + members
        let event = try Event(jsonLine: line + "}") { "" }
        #expect(event.fields.count == before && event.fields["m\(before - 1)"] == .number(Double(before - 1)))
        for twice in [#","m0":"again""#, #","m\#(before - 1)":"again""#] {
            #expect(throws: CoreError.self) { try Event(jsonLine: line + twice + "}") { "" } }
        }
    }
}
