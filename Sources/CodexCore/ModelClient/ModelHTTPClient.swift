public import AsyncHTTPClient
import NIOCore

extension ModelClient {
    /// The one HTTP client every model request in the process uses. Like `HTTPClient.shared` it lives
    /// for the whole process and is never shut down; unlike it, it has a 10 s connect timeout (the
    /// shared client waits 90 s on a refused connection before failing the request) and no read
    /// timeout (the provider's `stream_idle_timeout_ms` watchdog decides when a silent stream is dead).
    public static let sharedHTTPClient: HTTPClient = {
        var configuration = HTTPClient.Configuration.singletonConfiguration
        configuration.timeout = HTTPClient.Configuration.Timeout(connect: .seconds(10), read: nil)
        return HTTPClient(eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
    }()
}
