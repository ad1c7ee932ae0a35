// libFuzzer target: date expressions and ISO-8601 instants must answer or refuse, never crash or hang.
import Foundation

private let now = Date(timeIntervalSince1970: 1_795_795_200)
private let zones = [
    TimeZone(identifier: "UTC")!, TimeZone(identifier: "Asia/Tokyo")!, TimeZone(identifier: "America/New_York")!,
]

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    for zone in zones {
        if let due = try? DateExpression.parse(text, now: now, zone: zone) {
            _ = due.deadline(in: zone)
            _ = due.json
        }
        _ = Timestamp.parse(text, assuming: zone)
    }
    _ = CivilDate(iso: text)
    return 0
}
