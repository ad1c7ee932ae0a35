// libFuzzer target: a push's body (any bytes) is read as events or refused with a reason naming what
// to fix, never a crash; every event read has an id and reads back to itself from its own line, and
// the events of one loop fold in the one fold order whatever order the body gave them.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let events: [Event]
    do {
        events = try Event.lines(from: bytes)
    } catch {
        precondition(!error.description.isEmpty, "a refusal must say why")
        return 0
    }
    precondition(!events.isEmpty, "a body that is read holds at least one event")
    for event in events {
        precondition(!event.id.isEmpty, "every event a push stores has an id")
        let again = try? Event(jsonLine: event.jsonLine, makeID: { "other" })
        precondition(again?.id == event.id && again?.fields == event.fields, "an event must read back to itself")
    }
    let byLoop = Dictionary(grouping: events, by: \.loop)
    // Ids are unique in a store (a repeated one is skipped or refused there): only such histories.
    for (_, history) in byLoop where Set(history.map(\.id)).count == history.count {
        let forward = Loop.fold(Event.inFoldOrder(history))
        let backward = Loop.fold(Event.inFoldOrder(history.reversed()))
        precondition(forward == backward, "the fold order must not depend on arrival order")
    }
    return 0
}
