import Mustache

/// The dashboard's templates and stylesheet, compiled into `own-server` (Package.swift's
/// `embedInCode`): the server is one file wherever it is installed or copied, with no folder of
/// resources beside it to lose.
enum DashboardTemplates {
    /// Every template by its file's name in Templates without the extension (partials included).
    static let library: MustacheLibrary = {
        var library = MustacheLibrary()
        for (name, bytes) in files {
            do {
                try library.register(String(decoding: bytes, as: UTF8.self), named: name)
            } catch {
                preconditionFailure("the dashboard template \(name) does not parse: \(error)")
            }
        }
        return library
    }()

    /// The one stylesheet.
    static let stylesheet = String(decoding: PackageResources.dashboard_css, as: UTF8.self)

    /// Each file of Templates, by name (a test checks that none is missing).
    static let files: [(name: String, bytes: [UInt8])] = [
        ("approvals", PackageResources.approvals_mustache),
        ("board", PackageResources.board_mustache),
        ("board-findings", PackageResources.board_findings_mustache),
        ("board-loops", PackageResources.board_loops_mustache),
        ("board-person", PackageResources.board_person_mustache),
        ("board-sections", PackageResources.board_sections_mustache),
        ("error", PackageResources.error_mustache),
        ("finding", PackageResources.finding_mustache),
        ("finding-brief", PackageResources.finding_brief_mustache),
        ("foot", PackageResources.foot_mustache),
        ("head", PackageResources.head_mustache),
        ("loop", PackageResources.loop_mustache),
        ("loop-choices", PackageResources.loop_choices_mustache),
        ("loop-row", PackageResources.loop_row_mustache),
        ("monitors", PackageResources.monitors_mustache),
        ("person", PackageResources.person_mustache),
        ("person-sections", PackageResources.person_sections_mustache),
        ("sign-in", PackageResources.sign_in_mustache),
    ]
}
