import Foundation
import Testing

@testable import OwnCore

@Suite("Enumerations found by name, and stakes in their order")
struct NamedCasesTests {
    /// Stakes compare by their place among the cases, written out in a switch: a case added to the
    /// enumeration and not to the switch fails to build, and one put in another place fails here.
    @Test func stakesCompareInTheOrderOfTheirCases() {
        let cases = Stakes.allCases
        for (lower, higher) in zip(cases, cases.dropFirst()) {
            #expect(lower < higher)
            #expect(!(higher < lower))
        }
        #expect(cases.sorted() == Array(cases))
        #expect(!(Stakes.medium < Stakes.medium))
    }

    /// `KnownNames.member(named:)` finds what `init(rawValue:)` finds, and nothing else: a name in
    /// another case, a prefix, a longer name or an empty one is no member.
    @Test func namesFindTheirCasesExactly() {
        func check<T: CaseIterable & RawRepresentable<String> & Sendable & Equatable>(_ names: JSONParser.KnownNames<T>)
        {
            for member in T.allCases {
                let name = member.rawValue
                #expect(names.member(named: name) == member)
                #expect(names.member(named: name.uppercased()) == nil)
                #expect(names.member(named: String(name.dropLast())) == T(rawValue: String(name.dropLast())))
                #expect(names.member(named: name + "s") == T(rawValue: name + "s"))
            }
            #expect(names.member(named: "") == nil)
        }
        check(Stakes.names)
        check(Kind.names)
        check(Stage.names)
        check(LoopState.names)
        check(ReportChannel.names)
        check(EventType.names)
    }

    /// A kind given in an event is checked by name as the fold reads it: an unknown one is refused
    /// with the names it may have, a known one sets the loop's kind.
    @Test func anEventsKindIsReadAndCheckedByName() throws {
        let line =
            #"{"id":"a","loop":"k","at":"2026-11-27T16:00:00Z","by":"ana","type":"created","title":"T","kind":"oncall","stakes":"high","stage":"deploy"}"#
        let loop = try #require(Loop.fold([Event(jsonLine: line, makeID: { "" })]))
        #expect(loop.kind == .oncall)
        #expect(loop.stakes == .high)
        #expect(loop.stage == .deploy)
        let unknown = line.replacingOccurrences(of: #""oncall""#, with: #""on-call""#)
        #expect(throws: CoreError.self) { try Event(jsonLine: unknown, makeID: { "" }) }
    }
}
