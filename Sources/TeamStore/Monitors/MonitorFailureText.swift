import Foundation
import OwnCore

/// How the store keeps a held `MonitorFailure` in one text column, and reads it back.
enum MonitorFailureText {
    static func encode(_ failure: MonitorFailure?) -> String? {
        switch failure {
        case nil: nil
        case .late(let expected): "late \(expected.timeIntervalSince1970)"
        case .failed(let exitStatus): "failed \(exitStatus.map(String.init) ?? "-")"
        case .tooShort(let duration, let minimum): "tooShort \(duration) \(minimum)"
        case .tooLong(let started, let maximum): "tooLong \(started.timeIntervalSince1970) \(maximum)"
        case .downAfterClose(let since): "downAfterClose \(since.timeIntervalSince1970)"
        }
    }

    static func decode(_ text: String?) -> MonitorFailure? {
        guard let parts = text?.split(separator: " ").map(String.init), let name = parts.first else { return nil }
        let numbers = parts.dropFirst().map { Double($0) }
        func number(_ index: Int) -> Double { numbers.count > index ? numbers[index] ?? 0 : 0 }
        switch name {
        case "late": return .late(expected: Date(timeIntervalSince1970: number(0)))
        case "failed": return .failed(exitStatus: numbers.first.flatMap { $0 }.map { Int($0) })
        case "tooShort": return .tooShort(duration: number(0), minimum: number(1))
        case "tooLong": return .tooLong(started: Date(timeIntervalSince1970: number(0)), maximum: number(1))
        case "downAfterClose": return .downAfterClose(since: Date(timeIntervalSince1970: number(0)))
        default: return nil
        }
    }
}
