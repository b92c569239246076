import CodexLogin
import Testing

/// Which browser `codex login` would start, from the environment alone.
@Suite struct BrowserLauncherTests {
    @Test func onlyAConfiguredBrowserOrAGraphicalSessionOpensOne() {
        let url = "http://127.0.0.1:1/oauth/authorize?x=1"
        #expect(BrowserLauncher.command(for: url, environment: ["PATH": "/usr/bin"]) == nil)
        #expect(BrowserLauncher.command(for: url, environment: ["DISPLAY": ""]) == nil)
        #expect(BrowserLauncher.command(for: url, environment: ["DISPLAY": ":0"]) == ["xdg-open", url])
        #expect(BrowserLauncher.command(for: url, environment: ["WAYLAND_DISPLAY": "wayland-0"]) == ["xdg-open", url])
        #expect(BrowserLauncher.command(for: url, environment: ["BROWSER": " /opt/b ", "DISPLAY": ":0"]) == ["/opt/b", url])
    }
}
