import Foundation
import OwnGit
import Testing

@Suite("Spawn runs a program and hands back what it printed")
struct SpawnTests {
    @Test func capturesOutputErrorAndStatusSeparately() throws {
        let result = try Spawn.run(
            "sh",
            ["-c", "printf out; printf err >&2; exit 3"],
            captureOutput: true,
            captureError: true
        )
        #expect(result.status == 3)
        #expect(result.output == "out")
        #expect(result.error == "err")
    }

    /// A program that leaves a process in the background holding its output is done when it exits:
    /// the background process is still running when `run` returns, and what the program printed is kept.
    @Test func aBackgroundProcessHoldingTheOutputIsNotWaitedFor() throws {
        let result = try Spawn.run(
            "sh",
            ["-c", "sleep 60 & echo $!; printf done; exit 4"],
            captureOutput: true
        )
        #expect(result.status == 4)
        let lines = result.output.split(separator: "\n")
        #expect(lines.last == "done", "\(result.output)")
        let pid = try #require(lines.first.flatMap { Int32($0) })
        #expect(kill(pid, 0) == 0, "the background process outlived the run")
        kill(pid, SIGKILL)
    }

    /// All a program left in its output when it exited is read, however long that takes (a slow reader
    /// of `echo` once lost its end): here more than a pipe holds, written before it exits.
    @Test func everythingWrittenBeforeTheExitIsKept() throws {
        let result = try Spawn.run(
            "sh",
            ["-c", "head -c 300000 /dev/zero | tr '\\0' x; printf FINAL; exit 3"],
            captureOutput: true
        )
        #expect(result.status == 3)
        #expect(result.outputBytes.count == 300_005)
        #expect(result.output.hasSuffix("FINAL"))
    }

    @Test func addsToTheEnvironmentAndFeedsInput() throws {
        let result = try Spawn.run(
            "sh",
            ["-c", "printf '%s-' \"$OWN_SPAWN_TEST\"; cat; printf '%s' \"${PATH:+path}\""],
            input: Data("given".utf8),
            environment: ["OWN_SPAWN_TEST": "set"],
            captureOutput: true
        )
        #expect(result.status == 0)
        #expect(result.output == "set-givenpath")
    }

    @Test func onlyThisEnvironmentIsTheWholeEnvironment() throws {
        let result = try Spawn.run(
            "/bin/sh",
            ["-c", "printf '%s-%s' \"$OWN_SPAWN_TEST\" \"${HOME:-unset}\""],
            environment: ["OWN_SPAWN_TEST": "alone"],
            onlyThisEnvironment: true,
            captureOutput: true
        )
        #expect(result.output == "alone-unset")
    }

    /// A descriptor this process holds open (here a file being written) is not the child's: a
    /// long-lived child would otherwise keep it, and exec of a file written through it would fail.
    @Test func theChildHoldsNoneOfThisProcesssDescriptors() throws {
        let path = NSTemporaryDirectory() + "/own-spawn-test-\(UUID().uuidString)"
        let descriptor = open(path, O_WRONLY | O_CREAT, 0o600)
        try #require(descriptor > 2)
        defer {
            close(descriptor)
            unlink(path)
        }
        let result = try Spawn.run(
            "sh",
            [
                "-c",
                "if [ -e /proc/$$/fd/\(descriptor) ]; then echo inherited; else echo closed; fi; [ -e /proc/$$/fd/1 ] && echo output",
            ],
            captureOutput: true
        )
        #expect(result.output == "closed\noutput\n")
    }

    @Test func aSignalIsReportedAs128PlusItsNumber() throws {
        let result = try Spawn.run("sh", ["-c", "kill -KILL $$"], captureOutput: true)
        #expect(result.status == 128 + 9)
    }

    @Test func aMissingProgramIsAnErrorNamingIt() {
        #expect {
            try Spawn.run("own-no-such-program", [], captureOutput: true)
        } throws: { error in
            (error as? GitError)?.description.hasPrefix("cannot run own-no-such-program: ") == true
        }
    }
}
