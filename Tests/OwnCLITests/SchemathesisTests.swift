import Foundation
import Testing

/// schemathesis (PyPI, in the venv `scripts/venv` makes) drives the real `own-server` from its own
/// `/openapi.json` with a member token: no answer may be a server error or break the document.
@Suite("The server keeps its OpenAPI document (schemathesis)", .serialized)
struct SchemathesisTests {
    /// The schemathesis executable on PATH (scripts/test puts the venv first), if any.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
        return path.split(separator: ":").map { $0 + "/schemathesis" }.first {
            FileManager.default.isExecutableFile(atPath: $0)
        }
    }()

    /// Examples per operation: enough to reach every parameter, bounded so the suite stays fast.
    static let maxExamples = 25

    @Test(.enabled(if: executable != nil, "needs schemathesis: run through scripts/test (scripts/venv)"))
    func noServerErrorAndNoAnswerThatBreaksTheDocument() throws {
        let server = try LiveServer()
        let tokenFile = server.tokenFile(person: "ana", role: "member")
        let token = try String(contentsOfFile: tokenFile, encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        // Given a team with loops to read,
        let ana = OwnBinary(user: "ana")
        #expect(ana("remote", server.url, "--token-file", tokenFile).code == 0)
        #expect(ana("add", "Charge in euros", "--key", "pay-euro", "--due", "2026-12-04").code == 0)
        #expect(ana("risk", "pay-euro", "the bank may be late").code == 0)
        #expect(ana("sync").code == 0)

        // when schemathesis sends what the document allows and what it does not,
        // Every check but positive_data_acceptance: a JSON Lines body, a person or a key is a plain
        // string in the document, and not every string is an event, a person of the team or a loop.
        let hooks = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Schemathesis").path
        let arguments = [
            "run", server.url + "/openapi.json", "--checks", "all", "--exclude-checks", "positive_data_acceptance",
            "--max-examples", String(Self.maxExamples), "--seed", "1", "--workers", "1", "-H",
            "Authorization: Bearer " + token, "--no-color", "--generation-database", "none",
        ]
        // Run in the test's folder: schemathesis keeps a cache in its working directory.
        let run = OwnBinary().run(
            ["-c", "cd \"$0\" && exec \"$@\"", server.admin.folder, Self.executable ?? "schemathesis"] + arguments,
            environment: ["SCHEMATHESIS_HOOKS": "hooks", "PYTHONPATH": hooks],
            executable: "/bin/sh"
        )

        // then every check passes.
        #expect(run.code == 0, "\(run.stdout.suffix(6000))\(run.stderr.suffix(2000))")
        #expect(run.stdout.contains("passed"), "\(run.stdout.suffix(2000))")
        #expect(server.stop() == 0)
    }

    /// Under CI (`.ci/run` sets CI=true) the test above may not be skipped; elsewhere this one is.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["CI"] == "true", "only under CI"))
    func underCISchemathesisCannotBeSkipped() {
        #expect(Self.executable != nil, "scripts/test installs it in the venv")
    }
}
