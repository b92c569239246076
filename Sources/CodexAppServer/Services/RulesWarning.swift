import CodexConfig
import CodexCore
import CodexProtocol

/// The `configWarning` the reference sends after `initialize` when exec-policy rules files cannot be read:
/// the threads then decide commands by the built-in heuristics alone ("custom rules not applied").
enum RulesWarning {
    static let summary = "Error parsing rules; custom rules not applied."

    /// The warning for this configuration's rules, or nil when they load (or the configuration does not).
    static func check(_ runtime: AppServerRuntime) -> AppServerV2.ConfigWarningNotification? {
        let folders: [String]
        do {
            folders = try runtime.loadConfig().execPolicyFolders
        } catch {
            return nil
        }
        do {
            _ = try ExecPolicyFiles.load(configFolders: folders)
            return nil
        } catch {
            return notification(for: error)
        }
    }

    static func notification(for error: ExecPolicyFileError) -> AppServerV2.ConfigWarningNotification {
        guard case .parse(let parse) = error else {
            return AppServerV2.ConfigWarningNotification(summary: summary, details: "\(error)", path: nil, range: nil)
        }
        let start = AppServerV2.TextPosition(line: Int64(parse.line), column: Int64(parse.column))
        let end = AppServerV2.TextPosition(line: Int64(parse.line), column: Int64(parse.column + 1))
        return AppServerV2.ConfigWarningNotification(
            summary: summary, details: "\(error)", path: parse.path, range: AppServerV2.TextRange(start: start, end: end))
    }
}
