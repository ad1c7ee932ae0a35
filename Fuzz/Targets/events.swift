// libFuzzer target: an interchange line is read or refused with a reason, never a crash; what is
// read folds into a loop and survives the projection's storage round trip.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard let line = String(validating: UnsafeBufferPointer(start: data, count: size), as: UTF8.self) else { return 0 }
    guard let event = try? Event(jsonLine: line, makeID: { "generated" }) else { return 0 }
    let again = try? Event(jsonLine: event.jsonLine, makeID: { "generated" })
    precondition(again?.fields == event.fields, "an event's line must read back to the same fields")
    if let loop = Loop.fold([event]) {
        precondition(Loop(storageJSON: loop.storageJSON) == loop, "a folded loop must survive storage unchanged")
    }
    return 0
}
