import Foundation
import Testing

@testable import OwnCLI

/// `scripts/install` into a temporary prefix, from the executables this test run built.
@Suite("scripts/install")
struct InstallTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let binDir = URL(fileURLWithPath: OwnBinary.executable).deletingLastPathComponent().path
    /// `scripts/test` builds argument-parser's man page generator before the tests; a bare `swift test` does not.
    static let canGenerateManual = FileManager.default.isExecutableFile(atPath: binDir + "/generate-manual")

    @Test(
        .enabled(
            if: canGenerateManual,
            "needs generate-manual: run scripts/test, or swift build --product generate-manual"
        )
    )
    func installsExecutablesCompletionsAndManualThatWork() throws {
        let own = OwnBinary()
        let prefix = own.folder + "/prefix with space"
        let install = own.run(
            [Self.root + "/scripts/install", "--bin-dir", Self.binDir, prefix],
            executable: "/bin/bash"
        )
        #expect(install.code == 0, "\(install.stderr)")
        #expect(install.stdout.contains("installed \(Own.version) in \(prefix)"))
        let files = FileManager.default
        for product in ["own", "own-gate", "own-post", "own-server"] {
            #expect(files.isExecutableFile(atPath: prefix + "/bin/" + product), "\(product) not installed")
        }
        // The server's dashboard pages are in it: a folder of resources looked up beside it, or in
        // the build folder, was missing wherever the executables were installed or copied to.
        let server = try Data(contentsOf: URL(fileURLWithPath: prefix + "/bin/own-server"))
        #expect(server.range(of: Data("own_OwnServer.resources".utf8)) == nil)
        let bash = try String(contentsOfFile: prefix + "/share/bash-completion/completions/own", encoding: .utf8)
        #expect(bash.contains("handoff") && bash.contains("doctor"))
        let zsh = try String(contentsOfFile: prefix + "/share/zsh/site-functions/_own", encoding: .utf8)
        #expect(zsh.hasPrefix("#compdef own"))
        let fish = try String(contentsOfFile: prefix + "/share/fish/vendor_completions.d/own.fish", encoding: .utf8)
        #expect(fish.contains("complete -c 'own'") && fish.contains("handoff"))
        let manual = try String(contentsOfFile: prefix + "/share/man/man1/own.1", encoding: .utf8)
        #expect(manual.contains(".Nm own"))
        let listPage = try String(contentsOfFile: prefix + "/share/man/man1/own.list.1", encoding: .utf8)
        #expect(listPage.contains("Fl -due-before"))
        // `own gate`, `own serve` and `own server` have the pages of the programs they run, not stubs.
        let page = { (name: String) in
            (try? String(contentsOfFile: prefix + "/share/man/man1/" + name, encoding: .utf8)) ?? ""
        }
        #expect(page("own.gate.1").contains(".Nm \"own gate\"") && page("own.gate.1").contains("own.gate.check 1"))
        #expect(page("own.gate.check.1").contains("Fl -fail-on"))
        #expect(page("own.serve.1").contains("Fl -database-url"))
        #expect(page("own.server.token.add.1").contains("Fl -role"))
        // A character beyond ASCII is kept, as mdoc writes it: argument-parser's generator left it out.
        #expect(page("own.undo.1").contains("edit \\[u2026])"), "\(page("own.undo.1"))")
        #expect(!page("own.undo.1").contains("@@U"))
        // Every page is mdoc that man reads without a warning: no blank line (a paragraph is `.Pp`).
        let pages = try files.contentsOfDirectory(atPath: prefix + "/share/man/man1").filter { $0.hasSuffix(".1") }
        #expect(pages.count > 40)
        for name in pages {
            #expect(!page(name).contains("\n\n"), "\(name) has a blank line")
        }
        #expect(page("own.1").contains("drafted from it.\n.Pp\nLoops are named"))
        if files.isExecutableFile(atPath: "/usr/bin/groff") {
            let checked = own.run(
                ["-mandoc", "-ww", "-z"] + pages.map { prefix + "/share/man/man1/" + $0 },
                executable: "/usr/bin/groff"
            )
            #expect(checked.code == 0 && checked.stderr.isEmpty, "\(checked.stderr)")
        }

        // The installed `own` runs, finds its siblings in its own folder, and keeps a ledger.
        let installed = prefix + "/bin/own"
        #expect(own.run(["--version"], executable: installed).stdout == Own.version + "\n")
        #expect(own.run(["add", "Installed and working", "--due", "fri"], executable: installed).code == 0)
        #expect(own.run(["list"], executable: installed).stdout.contains("Installed and working"))
        let gate = own.run(["gate", "--help"], executable: installed)
        #expect(gate.code == 0 && gate.stdout.contains("USAGE: own gate"), "\(gate.stderr)")
    }

    /// Relative folders are the caller's, not the repository's; an empty PREFIX (a variable not set)
    /// is refused, not taken for ~/.local; a PREFIX that cannot hold folders is said in one line.
    @Test(.enabled(if: canGenerateManual, "needs generate-manual: run scripts/test"))
    func foldersAreReadFromTheCallersFolderAndAnEmptyPrefixIsRefused() throws {
        let own = OwnBinary()
        try FileManager.default.createSymbolicLink(atPath: own.folder + "/built", withDestinationPath: Self.binDir)
        let script = Self.root + "/scripts/install"
        let relative = own.run(
            ["-c", "cd \"$1\" && \"$2\" --bin-dir built installed", "install", own.folder, script],
            executable: "/bin/bash"
        )
        #expect(relative.code == 0, "\(relative.stderr)")
        #expect(relative.stdout.contains("installed \(Own.version) in \(own.folder)/installed"), "\(relative.stdout)")
        #expect(FileManager.default.isExecutableFile(atPath: own.folder + "/installed/bin/own"))
        #expect(!FileManager.default.fileExists(atPath: Self.root + "/installed"))

        let empty = own.run([script, "--bin-dir", Self.binDir, ""], executable: "/bin/bash")
        #expect(empty.code == 2)
        #expect(
            empty.stderr == "scripts/install: PREFIX is empty; give a folder, or none for ~/.local\n",
            "\(empty.stderr)"
        )
        let noFolder = own.run([script, "--bin-dir"], executable: "/bin/bash")
        #expect(noFolder.code == 2)
        #expect(noFolder.stderr == "scripts/install: --bin-dir needs a folder\n", "\(noFolder.stderr)")
        let file = own.file("a-file", "")
        let blocked = own.run([script, "--bin-dir", Self.binDir, file + "/prefix"], executable: "/bin/bash")
        #expect(blocked.code == 2)
        #expect(
            blocked.stderr == "scripts/install: cannot make the folders under \(file)/prefix "
                + "(is it a file, or not yours to write?)\n",
            "\(blocked.stderr)"
        )
    }

    @Test func refusesAnUnknownOptionWithUsage() {
        let own = OwnBinary()
        let run = own.run([Self.root + "/scripts/install", "--frobnicate"], executable: "/bin/bash")
        #expect(run.code == 2)
        #expect(run.stderr.contains("usage: scripts/install [--bin-dir DIR] [PREFIX]"))
    }

    /// As a user who cannot install, with Taskwarrior, sqlite3 and PostgreSQL missing: the exact
    /// command, and exit 2 before anything runs. As root the test runs the script as `nobody`.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") || getuid() != 0))
    func testScriptAsAUserPrintsTheInstallCommandForWhatIsMissing() throws {
        let own = OwnBinary()
        let bin = own.folder + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        for tool in ["bash", "dirname", "id", "git", "python3"] {
            let found = ["/usr/bin/", "/bin/"].map { $0 + tool }.first {
                FileManager.default.isExecutableFile(atPath: $0)
            }
            if let found {
                try FileManager.default.createSymbolicLink(atPath: bin + "/" + tool, withDestinationPath: found)
            }
        }
        // nobody must be able to read the fake bin folder.
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: own.folder)
        let script = [
            "/usr/bin/env", "-i", "PATH=" + bin, "OWN_PG_BIN=/nonexistent", "/bin/bash", Self.root + "/scripts/test",
        ]
        let run =
            getuid() == 0
            ? own.run(["-u", "nobody", "--"] + script, executable: "/usr/sbin/runuser")
            : own.run(Array(script.dropFirst()), executable: "/usr/bin/env")
        #expect(run.code == 2, "\(run.stderr)")
        let lines = run.stderr.split(separator: "\n").map(String.init)
        let install = try #require(lines.first { $0.hasPrefix("  sudo apt-get install -y ") })
        let packages = Set(install.dropFirst("  sudo apt-get install -y ".count).split(separator: " ").map(String.init))
        #expect(packages.isSuperset(of: ["taskwarrior", "sqlite3", "postgresql-15"]))
        #expect(!packages.contains("git"))
    }
}
