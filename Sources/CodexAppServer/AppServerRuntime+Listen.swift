import CodexProtocol
import NIOCore
import NIOWebSocket

/// Why `codex app-server --listen` could not start serving (printed as `Error: ...`, exit 1).
public struct ListenFailure: Error, Sendable, CustomStringConvertible {
    public let description: String
}

extension AppServerRuntime {
    /// Serves `--listen`: stdio until stdin ends; a WebSocket listener (`ws://` or `unix://`) until SIGINT or
    /// SIGTERM, each client a connection of its own sharing this runtime's threads. Then every running turn is
    /// interrupted and every rollout flushed, and a Unix socket is removed. Returns the exit code.
    public func serve(
        listen: ListenTarget, authenticator: WebSocketAuthenticator?, initializer: InitializeResponder,
        log: @escaping @Sendable (String) -> Void = AppServerMain.logToStandardError
    ) async throws(ListenFailure) -> Int32 {
        let address: WebSocketListener.Address
        switch listen {
        case .stdio:
            return await serve(initializer: initializer)
        case .off:
            throw ListenFailure(description: "no transport configured; use --listen or enable remote control")
        case .webSocket(let host, let port):
            if authenticator == nil, !ListenTarget.isLoopback(host: host) {
                throw ListenFailure(
                    description: "refusing to start non-loopback websocket listener \(Self.hostPort(host, port)) "
                        + "without auth; configure `--ws-auth capability-token` or `--ws-auth signed-bearer-token`")
            }
            address = .tcp(host: host, port: port)
        case .unixSocket(let path):
            let path = path ?? UnixSocketPath.defaultPath(codexHome: codexHome)
            do {
                try UnixSocketPath.prepare(path)
            } catch {
                throw ListenFailure(description: error.description)
            }
            address = .unixSocket(path: path)
        }
        let listener = WebSocketListener(authenticator: authenticator, log: log)
        let server: NIOAsyncChannel<AcceptedSocket, Never>
        do {
            server = try await listener.bind(address)
        } catch {
            throw ListenFailure(description: "cannot listen on \(Self.describe(address)): \(error)")
        }
        if case .unixSocket(let path) = address {
            do {
                try UnixSocketPath.restrict(path)
            } catch {
                try? await server.channel.close()
                throw ListenFailure(description: error.description)
            }
        }
        StandardStreams.writeError(Self.banner(address, bound: server.channel.localAddress?.port))
        let handlers = handlers()
        await withBackgroundWork { await serve(listener, server, handlers: handlers, initializer: initializer, log: log) }
        if case .unixSocket(let path) = address { UnixSocketPath.remove(path) }
        return 0
    }

    /// Serves the listener's clients until SIGINT or SIGTERM.
    private func serve(
        _ listener: WebSocketListener, _ server: NIOAsyncChannel<AcceptedSocket, Never>, handlers: AppServerHandlers,
        initializer: InitializeResponder, log: @escaping @Sendable (String) -> Void
    ) async {
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                await listener.run(server) { messages, writer in
                    let connection = AppServerConnection(
                        input: .messages(messages), output: writer, handlers: handlers, initializer: initializer,
                        configuration: AppServerConnection.Configuration(log: log))
                    _ = await connection.run()
                    await writer.close(code: Task.isCancelled ? .goingAway : .normalClosure)
                }
            }
            group.addTask { _ = await StopSignals.wait() }
            await group.next()
            group.cancelAll()
        }
    }

    private static func hostPort(_ host: String, _ port: Int) -> String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }

    private static func describe(_ address: WebSocketListener.Address) -> String {
        switch address {
        case .tcp(let host, let port): return "ws://" + hostPort(host, port)
        case .unixSocket(let path): return "unix://" + path
        }
    }

    /// The reference's start-up lines on stderr (clients and tests read the bound port from them).
    private static func banner(_ address: WebSocketListener.Address, bound: Int?) -> String {
        switch address {
        case .tcp(let host, let port):
            let hostPort = hostPort(host, bound ?? port)
            var text = "codex app-server (WebSockets)\n  listening on: ws://\(hostPort)\n"
            text += "  readyz: http://\(hostPort)/readyz\n  healthz: http://\(hostPort)/healthz\n"
            if ListenTarget.isLoopback(host: host) {
                text += "  note: binds localhost only (use SSH port-forwarding for remote access)\n"
            }
            return text
        case .unixSocket(let path):
            return "codex app-server (WebSockets)\n  listening on: unix://\(path)\n"
        }
    }
}
