public import CodexProtocol

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The operating system facts that go into the user agent.
public struct PlatformDescription: Sendable, Hashable {
    /// Kernel release, e.g. "6.1.0-18-amd64".
    public var kernelRelease: String
    /// Machine architecture, e.g. "x86_64".
    public var architecture: String

    public init(kernelRelease: String, architecture: String) {
        self.kernelRelease = kernelRelease
        self.architecture = architecture
    }

    /// This machine, from uname(2).
    public static var current: PlatformDescription {
        var names = utsname()
        guard uname(&names) == 0 else { return PlatformDescription(kernelRelease: "unknown", architecture: "unknown") }
        return PlatformDescription(
            kernelRelease: Self.string(from: &names.release), architecture: Self.string(from: &names.machine))
    }

    private static func string<T>(from field: inout T) -> String {
        withUnsafeBytes(of: &field) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
    }
}

/// Builds the `initialize` result: `{userAgent, codexHome, platformFamily, platformOs}`.
public struct InitializeResponder: Sendable {
    /// The version we report, the reference protocol level we implement, e.g. "0.163.0".
    public var version: String
    /// Our own build as a product token, e.g. "swiftcodex/0.1.0", or nil to leave it out.
    public var build: String?
    /// The resolved CODEX_HOME directory.
    public var codexHome: String
    public var platform: PlatformDescription

    public init(version: String, build: String? = nil, codexHome: String, platform: PlatformDescription = .current) {
        self.version = version
        self.build = build
        self.codexHome = codexHome
        self.platform = platform
    }

    /// `<name>/<version> (Linux <kernel>; <arch>) [<build> ](<name>; <clientVersion>)`, with any character that
    /// is not visible ASCII replaced by `_` (as the reference sanitizes its header). The build token sits where
    /// the reference names the terminal, so clients that read the version after the first `/` still find it.
    public func userAgent(for session: ClientSession) -> String {
        let info = session.clientInfo
        let buildToken = build.map { "\($0) " } ?? ""
        let platformComment = "(Linux \(platform.kernelRelease); \(platform.architecture))"
        let raw = "\(info.name)/\(version) \(platformComment) \(buildToken)(\(info.name); \(info.version))"
        return String(raw.unicodeScalars.map { $0.value >= 0x20 && $0.value < 0x7F ? Character($0) : "_" })
    }

    /// The `result` member of the `initialize` response.
    public func result(for session: ClientSession) -> AppServerV2.InitializeResponse {
        AppServerV2.InitializeResponse(
            userAgent: userAgent(for: session), codexHome: codexHome, platformFamily: "unix", platformOs: "linux")
    }
}
