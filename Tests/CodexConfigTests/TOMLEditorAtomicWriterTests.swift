import CodexConfig
import CodexProtocol
import FoundationEssentials
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite("Atomic file writer")
struct TOMLEditorAtomicWriterTests {
    /// A fresh folder for one test.
    func temporaryFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/atomic-writer-" + String(UInt64.random(in: 0...UInt64.max))
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    func contents(_ path: String) throws -> String {
        String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
    }

    func mode(_ path: String) -> mode_t {
        var status = stat()
        return stat(path, &status) == 0 ? status.st_mode & 0o7777 : 0
    }

    @Test("replaces the contents, keeps the file's mode and leaves no temporary file")
    func keepsMode() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/config.toml"
        try AtomicFileWriter.write("old = 1\n", to: file)
        #expect(chmod(file, 0o640) == 0)
        try AtomicFileWriter.write("new = 2\n", to: file)
        #expect(try contents(file) == "new = 2\n")
        #expect(mode(file) == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["config.toml"])
    }

    @Test("creates missing parent folders and gives a new file the requested mode")
    func createsFolders() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let file = folder + "/a/b/config.toml"
        try AtomicFileWriter.write(Array("x = 1\n".utf8), to: file, newFileMode: 0o600)
        #expect(try contents(file) == "x = 1\n")
        #expect(mode(file) == 0o600)
    }

    @Test("a symlinked file is written through to its target; the link stays a link")
    func followsSymlinks() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.createDirectory(atPath: folder + "/real", withIntermediateDirectories: true)
        try AtomicFileWriter.write("old = 1\n", to: folder + "/real/config.toml")
        #expect(chmod(folder + "/real/config.toml", 0o604) == 0)
        #expect(symlink("real/config.toml", folder + "/config.toml") == 0)
        try AtomicFileWriter.write("new = 2\n", to: folder + "/config.toml")
        #expect(try contents(folder + "/real/config.toml") == "new = 2\n")
        #expect(mode(folder + "/real/config.toml") == 0o604)
        let destination = try FileManager.default.destinationOfSymbolicLink(atPath: folder + "/config.toml")
        #expect(destination == "real/config.toml")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder + "/real") == ["config.toml"])

        // A dangling link creates its target.
        #expect(symlink(folder + "/later/new.toml", folder + "/dangling.toml") == 0)
        try AtomicFileWriter.write("y = 2\n", to: folder + "/dangling.toml")
        #expect(try contents(folder + "/later/new.toml") == "y = 2\n")
    }

    @Test("a write into a path that cannot be a folder fails with an error naming it")
    func failureNamesPath() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try AtomicFileWriter.write("x\n", to: folder + "/file")
        let error = #expect(throws: AtomicFileWriteError.self) {
            try AtomicFileWriter.write("y\n", to: folder + "/file/config.toml")
        }
        #expect(error?.path == folder + "/file")
        #expect(try contents(folder + "/file") == "x\n")
    }

    @Test("an edited document round-trips through the writer byte for byte")
    func editorToFile() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var editor = TOMLDocumentEditor(text: "# keep\r\nmodel = \"o3\"\r\n")
        #expect(try editor.set(["model"], to: "gpt-5"))
        try AtomicFileWriter.write(editor.bytes, to: folder + "/config.toml")
        #expect(try contents(folder + "/config.toml") == "# keep\r\nmodel = \"gpt-5\"\r\n")
    }
}
