import CodexBasics
import Subprocess

#if canImport(System)
import System
#else
import SystemPackage
#endif

/// Opens the ChatGPT sign-in page in the user's browser, best effort and only when one is configured:
/// the program `$BROWSER` names, else `xdg-open` inside a graphical session (`DISPLAY` or
/// `WAYLAND_DISPLAY` set). Headless machines, CI and tests get nothing opened; the URL is printed
/// either way, as the reference prints it.
public enum BrowserLauncher {
    /// The command that would open `url` under `environment`, nil when no browser is configured.
    public static func command(for url: String, environment: [String: String]) -> [String]? {
        if let browser = environment["BROWSER"]?.trimmingWhitespace(), !browser.isEmpty {
            return [browser, url]
        }
        let graphical = [environment["DISPLAY"], environment["WAYLAND_DISPLAY"]].contains { !($0 ?? "").isEmpty }
        return graphical ? ["xdg-open", url] : nil
    }

    /// Starts the browser and returns once it is launched (not when it exits): a shell puts it in the
    /// background with its output discarded, so a browser that keeps running is neither waited for nor
    /// left a zombie of this process. Returns false when nothing was started.
    @discardableResult
    public static func open(_ url: String, environment: [String: String]) async -> Bool {
        guard let command = command(for: url, environment: environment) else { return false }
        let script = "\"$1\" \"$2\" </dev/null >/dev/null 2>&1 &"
        do {
            let result = try await Subprocess.run(
                .path(FilePath("/bin/sh")), arguments: ["-c", script, "sh", command[0], command[1]],
                environment: .custom(Dictionary(uniqueKeysWithValues: environment.map { (Environment.Key(stringLiteral: $0.key), $0.value) })),
                output: .discarded, error: .discarded)
            return result.terminationStatus.isSuccess
        } catch {
            // Best effort: the URL is on the terminal for the user to open.
            return false
        }
    }
}
