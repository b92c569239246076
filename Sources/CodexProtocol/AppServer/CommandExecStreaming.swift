// Params, results and the output notification of a streaming `command/exec` session
// (`command/exec/write`, `/resize`, `/terminate`, `command/exec/outputDelta`).

extension AppServerV2 {
    /// Params of `command/exec/write`: stdin bytes for a running `command/exec`, and/or closing stdin.
    @PublicMemberwiseInit
    public struct CommandExecWriteParams: AppServerType {
        public var processId: String
        public var deltaBase64: String?
        @OmitWhenNil public var closeStdin: Bool?
    }

    /// Result of `command/exec/write` (empty).
    public struct CommandExecWriteResponse: AppServerType {
        private enum CodingKeys: CodingKey {}
        public init() {}
    }

    /// Params of `command/exec/resize`: the new size of a PTY-backed `command/exec`.
    @PublicMemberwiseInit
    public struct CommandExecResizeParams: AppServerType {
        public var processId: String
        public var size: CommandExecTerminalSize
    }

    /// Result of `command/exec/resize` (empty).
    public struct CommandExecResizeResponse: AppServerType {
        private enum CodingKeys: CodingKey {}
        public init() {}
    }

    /// Params of `command/exec/terminate`.
    @PublicMemberwiseInit
    public struct CommandExecTerminateParams: AppServerType {
        public var processId: String
    }

    /// Result of `command/exec/terminate` (empty).
    public struct CommandExecTerminateResponse: AppServerType {
        private enum CodingKeys: CodingKey {}
        public init() {}
    }

    /// Which output a `command/exec/outputDelta` chunk came from (a PTY's output is all `stdout`).
    public enum CommandExecOutputStream: String, AppServerType, WireStringEnum {
        case stdout
        case stderr
    }

    /// `command/exec/outputDelta`: a base64 chunk of a streaming `command/exec`'s output.
    @PublicMemberwiseInit
    public struct CommandExecOutputDeltaNotification: AppServerType {
        public var processId: String
        public var stream: CommandExecOutputStream
        public var deltaBase64: String
        /// True on a stream's last chunk when `outputBytesCap` cut the rest.
        public var capReached: Bool
    }
}

extension AppServerV2.CommandExecOutputDeltaNotification: ServerNotification {
    public static let method = "command/exec/outputDelta"
}
