import Foundation
import OwnCore
import Testing

/// Where a ledger, a configuration and a server store are when nothing names them.
@Suite("The XDG base directories and the home folder")
struct BaseDirectoryTests {
    /// With no HOME (a service manager may start the server so), the home folder is the user's as the
    /// system has it: the server read "." and made its store in whatever folder it started in.
    @Test func theHomeFolderIsHOMEElseTheSystemsNeverTheCurrentFolder() {
        #expect(BaseDirectory.home(["HOME": "/home/ana"]) == "/home/ana")
        let home = BaseDirectory.home([:])
        #expect(home == NSHomeDirectory() && home.hasPrefix("/"), "\(home)")
    }

    /// A relative XDG folder is ignored, as the specification says: read against the current folder,
    /// each folder a command ran in got a ledger of its own.
    @Test func anAbsoluteXDGFolderIsTakenAndARelativeOneIgnored() {
        #expect(BaseDirectory.data(["XDG_DATA_HOME": "/srv/data"], home: "/home/ana") == "/srv/data")
        #expect(BaseDirectory.data(["XDG_DATA_HOME": "data"], home: "/home/ana") == "/home/ana/.local/share")
        #expect(BaseDirectory.config([:], home: "/home/ana") == "/home/ana/.config")
    }
}
