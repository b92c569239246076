import CodexBasics

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A fresh folder under /tmp for one test, removed (with what the test put in it) on `remove()`.
struct ScratchFolder {
    let path: AbsolutePath

    struct SetupError: Error, CustomStringConvertible {
        let description: String
    }

    init() throws {
        var template = Array("/tmp/codex-basics-test-XXXXXX".utf8CString)
        let made = template.withUnsafeMutableBufferPointer { buffer -> String? in
            guard let base = buffer.baseAddress, mkdtemp(base) != nil else { return nil }
            return String(cString: base)
        }
        guard let made, let path = AbsolutePath(made) else { throw SetupError(description: "mkdtemp failed: errno \(errno)") }
        self.path = path
    }

    /// Creates the folder `relative` (and its parents) inside the scratch folder.
    @discardableResult
    func makeFolder(_ relative: String) throws -> AbsolutePath {
        var current = path
        for component in relative.split(separator: "/") {
            current = current.appending(String(component))
            guard mkdir(current.string, 0o755) == 0 || errno == EEXIST else {
                throw SetupError(description: "mkdir \(current) failed: errno \(errno)")
            }
        }
        return current
    }

    /// Writes `text` to the file `relative` inside the scratch folder.
    @discardableResult
    func writeFile(_ relative: String, _ text: String) throws -> AbsolutePath {
        let file = path.appending(relative)
        let descriptor = open(file.string, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw SetupError(description: "open \(file) failed: errno \(errno)") }
        defer { close(descriptor) }
        try FileDescriptorIO.writeAll(Array(text.utf8), to: descriptor)
        return file
    }

    func remove() {
        Self.removeTree(path.string)
    }

    private static func removeTree(_ path: String) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if info.st_mode & S_IFMT == S_IFDIR, let directory = opendir(path) {
            var names: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(directory)
            for name in names { removeTree(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
