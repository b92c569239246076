#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#endif

/// The process's standard streams as raw file descriptors: whole writes with EINTR retried, and a read of
/// stdin to its end.
///
/// Foundation's `FileHandle` would do the same, but it lives in the full Foundation module, and one use of it
/// links all of Foundation and its 34 MB of ICU data into the static binary; FoundationEssentials has no
/// `FileHandle`. These few lines keep the binary on FoundationEssentials.
public enum StandardStreams {
    /// Writes `text` to standard output.
    public static func writeOutput(_ text: String) {
        write(Array(text.utf8), to: 1)
    }

    /// Writes `text` to standard error.
    public static func writeError(_ text: String) {
        write(Array(text.utf8), to: 2)
    }

    /// Writes all of `bytes` to `descriptor`, continuing after short writes and EINTR. Returns false when the
    /// descriptor refuses (closed pipe, full disk); what was not written is dropped.
    @discardableResult
    public static func write(_ bytes: [UInt8], to descriptor: Int32) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                #if canImport(Glibc)
                    return Glibc.write(descriptor, base + offset, buffer.count - offset)
                #else
                    return Musl.write(descriptor, base + offset, buffer.count - offset)
                #endif
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            if written == 0 { return false }
            offset += written
        }
        return true
    }

    /// Reads standard input to end of file. A read error ends the read with what arrived before it.
    public static func readInputToEnd() -> [UInt8] {
        var result: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return read(0, base, buffer.count)
            }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return result }
            result.append(contentsOf: chunk[0..<count])
        }
    }
}
