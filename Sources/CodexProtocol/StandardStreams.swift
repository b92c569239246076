import CodexBasics

/// The process's standard streams as raw file descriptors: whole writes with EINTR retried, and a read of
/// stdin to its end (both through CodexBasics' `FileDescriptorIO`).
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
        do {
            try FileDescriptorIO.writeAll(bytes, to: descriptor)
            return true
        } catch {
            return false
        }
    }

    /// Reads standard input to end of file. A read error ends the read with what arrived before it.
    public static func readInputToEnd() -> [UInt8] {
        var result: [UInt8] = []
        do {
            try FileDescriptorIO.readAll(from: 0, into: &result)
        } catch {
            // The documented contract: keep what arrived before the error.
        }
        return result
    }
}
