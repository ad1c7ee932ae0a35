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

    @Test func addsToTheEnvironmentAndFeedsInput() throws {
        let result = try Spawn.run(
            "sh",
            ["-c", "printf '%s-' \"$OWN_SPAWN_TEST\"; cat; printf '%s' \"${PATH:+path}\""],
            input: "given",
            environment: ["OWN_SPAWN_TEST": "set"],
            captureOutput: true
        )
        #expect(result.status == 0)
        #expect(result.output == "set-givenpath")
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
