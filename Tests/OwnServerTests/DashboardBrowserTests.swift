import Foundation
import Testing

/// Headless Chromium through Selenium (Tests/Browser/dashboard.py) against the real `own-server`.
///
/// Needs Debian's `chromium` and `chromium-driver` and the venv's `selenium` and
/// `axe-selenium-python` (scripts/test installs all four); without them the test is disabled, and
/// says why, rather than passing.
@Suite("The dashboard in a real browser")
struct DashboardBrowserTests {
    static let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Browser/dashboard.py").path

    /// The `own-server` executable beside the test bundle.
    static let server: String = {
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = folder.appendingPathComponent("own-server").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            folder = folder.deletingLastPathComponent()
        }
        return FileManager.default.currentDirectoryPath + "/.build/debug/own-server"
    }()

    static let browserAvailable: Bool = {
        let files = FileManager.default
        guard files.isExecutableFile(atPath: "/usr/bin/chromium"),
            files.isExecutableFile(atPath: "/usr/bin/chromedriver")
        else { return false }
        return run(["python3", "-c", "import selenium, axe_selenium_python"]).code == 0
    }()

    static func run(_ arguments: [String]) -> (code: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        do { try process.run() } catch { return (-1, "cannot start \(arguments[0]): \(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Sign in, see the going-dark finding on the board, open the proposed loop, approve it as the
    /// lead (and find the `approved` event by the lead in the ledger), see a monitor go down and its
    /// incident loop appear, axe every page, screenshot
    /// every page at 1280×800 and 390×844, sign out. `OWN_SCREENSHOTS` names a folder to keep the
    /// screenshots in (docs/screenshots for the documentation); otherwise they go to a temporary one.
    @Test(
        .enabled(if: browserAvailable, "needs chromium, chromium-driver and the venv's selenium (scripts/test)"),
        .enabled(if: FileManager.default.isExecutableFile(atPath: server), "needs own-server built")
    )
    func aLeadSignsInSeesGoingDarkApprovesAndSignsOut() throws {
        let kept = ProcessInfo.processInfo.environment["OWN_SCREENSHOTS"]
        let folder = kept ?? NSTemporaryDirectory() + "own-screenshots-" + UUID().uuidString
        defer { if kept == nil { try? FileManager.default.removeItem(atPath: folder) } }
        let result = Self.run(["python3", Self.script, Self.server, folder])
        #expect(result.code == 0, "\(result.output)")
        #expect(result.output.contains("approved as lee"))
        for page in ["sign-in", "board", "approvals", "loop", "person", "monitors"] {
            for size in ["desktop", "phone"] {
                #expect(FileManager.default.fileExists(atPath: "\(folder)/\(page)-\(size).png"))
            }
        }
    }
}
