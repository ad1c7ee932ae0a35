import Foundation
import Mustache

/// The dashboard's templates and stylesheet, shipped as the module's resources and read once.
enum DashboardTemplates {
    /// Every `.mustache` file in Templates, by name without the extension (partials included).
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        let folder = resources.appendingPathComponent("Templates")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        for name in names where name.hasSuffix(".mustache") {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else {
                continue
            }
            do {
                try library.register(text, named: String(name.dropLast(".mustache".count)))
            } catch {
                preconditionFailure("the dashboard template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    /// The one stylesheet.
    static let stylesheet: String =
        (try? String(contentsOf: resources.appendingPathComponent("Static/dashboard.css"), encoding: .utf8)) ?? ""

    private static var resources: URL { Bundle.module.resourceURL ?? Bundle.module.bundleURL }
}
