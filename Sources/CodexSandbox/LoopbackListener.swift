import CSandbox
import Glibc

/// A TCP listener on 127.0.0.1 with a kernel-chosen port; connections queue in its backlog, so a
/// connect succeeds without an accept. Closed by `close()`.
struct LoopbackListener: ~Copyable {
    let port: Int32
    private let descriptor: Int32

    init() throws(LaunchError) {
        var port: Int32 = 0
        let result = csb_open_loopback_listener(&port)
        guard result >= 0 else { throw LaunchError(description: "cannot listen on 127.0.0.1: \(errorText(-result))") }
        self.port = port
        self.descriptor = result
    }

    deinit {
        Glibc.close(descriptor)
    }
}
