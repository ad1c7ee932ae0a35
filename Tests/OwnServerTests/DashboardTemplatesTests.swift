import Foundation
import Testing

@testable import OwnServer

@Suite("The dashboard's templates and stylesheet are compiled into the server")
struct DashboardTemplatesTests {
    static let templates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/OwnServer/Dashboard/Templates")

    @Test func everyTemplateFileIsInTheServerWithItsText() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.templates.path)
            .filter { $0.hasSuffix(".mustache") }.map { String($0.dropLast(".mustache".count)) }.sorted()
        #expect(!names.isEmpty)
        #expect(DashboardTemplates.files.map(\.name).sorted() == names)
        for (name, bytes) in DashboardTemplates.files {
            let file = try Data(contentsOf: Self.templates.appendingPathComponent(name + ".mustache"))
            #expect(Array(file) == bytes, "\(name)")
        }
        #expect(DashboardTemplates.stylesheet.contains("body"))
    }
}
