/// Where `codex app-server --listen URL` serves: the reference's five forms.
public enum ListenTarget: Sendable, Equatable {
    /// `stdio://` (the default): one connection on stdin/stdout, newline-delimited JSON.
    case stdio
    /// `unix://` (path nil: the default control socket under CODEX_HOME) or `unix://PATH`: WebSocket
    /// framing on a Unix domain socket, as the reference serves it.
    case unixSocket(path: String?)
    /// `ws://IP:PORT`: WebSocket on a TCP port (an IP literal, never a host name).
    case webSocket(host: String, port: Int)
    /// `off`: no transport; the process serves nothing until it is told to stop.
    case off

    /// The reference's message for a value it does not accept (clap prints it after "invalid value").
    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    /// Parses a `--listen` value as the reference does.
    public init(parsing value: String) throws(ParseError) {
        if value == "stdio://" {
            self = .stdio
        } else if value == "off" {
            self = .off
        } else if value.hasPrefix("unix://") {
            let path = String(value.dropFirst("unix://".count))
            self = .unixSocket(path: path.isEmpty ? nil : path)
        } else if value.hasPrefix("ws://") {
            guard let (host, port) = Self.ipAndPort(String(value.dropFirst("ws://".count))) else {
                throw ParseError(message: "invalid websocket --listen URL `\(value)`; expected `ws://IP:PORT`")
            }
            self = .webSocket(host: host, port: port)
        } else {
            throw ParseError(
                message: "unsupported --listen URL `\(value)`; expected `stdio://`, `unix://`, `unix://PATH`, "
                    + "`ws://IP:PORT`, or `off`")
        }
    }

    /// Whether a WebSocket host is a loopback address (127.0.0.0/8 or ::1).
    public static func isLoopback(host: String) -> Bool {
        if host == "::1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127"
    }

    /// `IPv4:PORT` or `[IPv6]:PORT` with a port in 0...65535; the host without brackets.
    private static func ipAndPort(_ text: String) -> (String, Int)? {
        let host: Substring
        let portText: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            host = text[text.index(after: text.startIndex)..<close]
            let rest = text[text.index(after: close)...]
            guard rest.hasPrefix(":") else { return nil }
            portText = rest.dropFirst()
            guard host.contains(":"), host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else { return nil }
        } else {
            guard let colon = text.lastIndex(of: ":") else { return nil }
            host = text[..<colon]
            portText = text[text.index(after: colon)...]
            guard isIPv4(host) else { return nil }
        }
        guard !portText.isEmpty, portText.allSatisfy(\.isASCII), portText.allSatisfy(\.isNumber),
            let port = Int(portText), port <= 65535
        else { return nil }
        return (String(host), port)
    }

    private static func isIPv4(_ host: Substring) -> Bool {
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4
            && octets.allSatisfy { octet in
                !octet.isEmpty && octet.count <= 3 && octet.allSatisfy { $0.isASCII && $0.isNumber }
                    && (Int(octet) ?? 256) <= 255
            }
    }
}
