import CodexBasics
import Dispatch

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `codex app-server proxy [--sock PATH]`: copies stdin to the app-server's control socket and the socket to
/// stdout, byte for byte (the client speaks the socket's WebSocket framing itself), until the socket closes.
public enum AppServerProxy {
    /// Why the proxy could not run (printed as `Error: ...`, exit 1).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let description: String
    }

    /// Connects to `socketPath` and relays until the server closes the connection.
    public static func run(socketPath: String) async throws(Failure) {
        let socket = try connect(socketPath)
        defer { close(socket) }
        let outcome: Int32? = await withCheckedContinuation { continuation in
            DispatchQueue(label: "codex.app-server.proxy").async {
                continuation.resume(returning: relay(socket: socket))
            }
        }
        if let code = outcome {
            throw Failure(description: "relaying to \(socketPath) failed: \(String(cString: strerror(code)))")
        }
    }

    /// One blocking loop over both directions (poll(2)); nil when the socket closed, else the errno.
    private static func relay(socket: Int32) -> Int32? {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var inputOpen = true
        while true {
            var descriptors = [pollfd(fd: socket, events: Int16(POLLIN), revents: 0)]
            if inputOpen { descriptors.append(pollfd(fd: 0, events: Int16(POLLIN), revents: 0)) }
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return errno
            }
            if descriptors[0].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(socket, $0.baseAddress, $0.count) }
                if count == 0 { return nil }
                if count < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                do {
                    try FileDescriptorIO.writeAll(Array(buffer[0..<count]), to: 1)
                } catch {
                    return error.errno
                }
            }
            if inputOpen, descriptors.count > 1, descriptors[1].revents != 0 {
                let count = buffer.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                if count <= 0 {
                    // The client is done sending: let the server see end of input, keep relaying its answers.
                    inputOpen = false
                    _ = shutdown(socket, Int32(SHUT_WR))
                    continue
                }
                do {
                    try FileDescriptorIO.writeAll(Array(buffer[0..<count]), to: socket)
                } catch {
                    return error.errno
                }
            }
        }
    }

    private static func connect(_ path: String) throws(Failure) -> Int32 {
        switch UnixSocketPath.connect(path) {
        case .success(let descriptor):
            return descriptor
        case .failure(let error):
            throw Failure(
                description: "failed to connect to \(path): \(String(cString: strerror(error.errno))) (os error \(error.errno))")
        }
    }
}
