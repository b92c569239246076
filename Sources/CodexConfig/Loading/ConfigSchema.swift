import CodexProtocol

/// The shape of the keys the reference accepts in config.toml, used by `--strict-config`.
///
/// Only key names are checked here; value types are checked by the typed decoder. Tables the
/// reference owns but this port ignores (`tui`, `otel`, `hooks`, ...) are `opaque`: any content passes.
indirect enum KeySchema: Sendable {
    /// A leaf: any value.
    case value
    /// A known table whose contents are not checked.
    case opaque
    /// A table with a fixed set of keys.
    case table([String: KeySchema])
    /// A table whose keys are free (names), each entry following one schema.
    case map(KeySchema)

    /// Returns the first unknown key path in `object` (sorted, so the result is deterministic).
    func firstUnknownKey(in object: JSONObject, path: [String] = []) -> String? {
        switch self {
        case .value, .opaque:
            return nil
        case .table(let fields):
            for key in object.keys.sorted() {
                guard let schema = fields[key] else { return (path + [key]).joined(separator: ".") }
                if case .object(let child) = object[key],
                    let unknown = schema.firstUnknownKey(in: child, path: path + [key])
                {
                    return unknown
                }
            }
            return nil
        case .map(let entry):
            for key in object.keys.sorted() {
                if case .object(let child) = object[key],
                    let unknown = entry.firstUnknownKey(in: child, path: path + [key])
                {
                    return unknown
                }
            }
            return nil
        }
    }
}

extension KeySchema {
    private static func leaves(_ names: [String]) -> [String: KeySchema] {
        Dictionary(uniqueKeysWithValues: names.map { ($0, KeySchema.value) })
    }

    private static func opaques(_ names: [String]) -> [String: KeySchema] {
        Dictionary(uniqueKeysWithValues: names.map { ($0, KeySchema.opaque) })
    }

    static let sandboxWorkspaceWrite = KeySchema.table(
        leaves(["writable_roots", "network_access", "exclude_tmpdir_env_var", "exclude_slash_tmp"]))

    static let shellEnvironmentPolicy = KeySchema.table(
        leaves(["inherit", "ignore_default_excludes", "exclude", "include_only", "experimental_use_profile"])
            .merging(["set": .map(.value)]) { $1 })

    static let modelProvider = KeySchema.table(
        leaves([
            "name", "base_url", "env_key", "env_key_instructions", "experimental_bearer_token", "wire_api",
            "request_max_retries", "stream_max_retries", "stream_idle_timeout_ms", "websocket_connect_timeout_ms",
            "requires_openai_auth", "supports_websockets",
        ])
        .merging(["query_params": .map(.value), "http_headers": .map(.value), "env_http_headers": .map(.value)]) { $1 }
        .merging(opaques(["auth", "aws"])) { $1 })

    static let mcpServer = KeySchema.table(
        leaves([
            "command", "args", "env_vars", "cwd", "url", "bearer_token_env_var", "bearer_token", "transport",
            "startup_timeout_sec", "startup_timeout_ms", "tool_timeout_sec", "enabled", "required",
            "enabled_tools", "disabled_tools", "scopes", "oauth_resource", "default_tools_approval_mode",
            "http_headers_helper",
        ])
        .merging(["env": .map(.value), "http_headers": .map(.value), "env_http_headers": .map(.value)]) { $1 }
        .merging(opaques(["tools", "oauth"])) { $1 })

    static let profile = KeySchema.table(
        leaves([
            "model", "model_provider", "approval_policy", "sandbox_mode", "model_reasoning_effort",
            "plan_mode_reasoning_effort", "model_reasoning_summary", "model_verbosity", "model_catalog_json",
            "personality", "chatgpt_base_url", "model_instructions_file", "experimental_instructions_file",
            "experimental_compact_prompt_file", "include_apply_patch_tool", "experimental_use_unified_exec_tool",
            "experimental_use_freeform_apply_patch", "tools_web_search", "tools_view_image", "web_search",
            "oss_provider", "service_tier", "developer_instructions", "model_context_window",
            "model_auto_compact_token_limit", "approvals_reviewer", "default_permissions", "hide_agent_reasoning",
            "show_raw_agent_reasoning",
        ])
        .merging(["features": .map(.value), "sandbox_workspace_write": sandboxWorkspaceWrite]) { $1 }
        .merging(opaques(["tools", "analytics", "windows", "permissions"])) { $1 })

    /// Every top-level key of `ConfigToml` in the reference, plus legacy spellings it still accepts.
    static let configToml = KeySchema.table(
        leaves([
            "model", "review_model", "model_provider", "model_context_window", "model_max_output_tokens",
            "model_auto_compact_token_limit", "model_auto_compact_token_limit_scope", "approval_policy",
            "approvals_reviewer", "allow_login_shell", "sandbox_mode", "default_permissions", "notify",
            "instructions", "developer_instructions", "include_permissions_instructions",
            "include_apps_instructions", "include_collaboration_mode_instructions", "include_environment_context",
            "model_instructions_file", "experimental_instructions_file", "compact_prompt",
            "forced_chatgpt_workspace_id", "forced_login_method", "cli_auth_credentials_store",
            "mcp_oauth_credentials_store", "mcp_oauth_callback_port", "mcp_oauth_callback_url",
            "mcp_optional_startup_grace_ms",
            "project_doc_max_bytes", "project_doc_fallback_filenames", "tool_output_token_limit",
            "background_terminal_max_timeout", "js_repl_node_path", "js_repl_node_module_dirs", "profile",
            "sqlite_home", "log_dir", "file_opener", "hide_agent_reasoning", "show_raw_agent_reasoning",
            "model_reasoning_effort", "plan_mode_reasoning_effort", "model_reasoning_summary", "model_verbosity",
            "model_supports_reasoning_summaries", "model_reasoning_summary_format", "model_catalog_json",
            "personality", "service_tier", "chatgpt_base_url", "apps_mcp_product_sku", "openai_base_url",
            "experimental_realtime_ws_base_url", "experimental_realtime_ws_model",
            "experimental_realtime_ws_backend_prompt", "experimental_realtime_ws_startup_context",
            "experimental_realtime_start_instructions", "experimental_thread_config_endpoint",
            "experimental_thread_store_endpoint", "web_search", "suppress_unstable_features_warning",
            "project_root_markers", "check_for_update_on_startup", "disable_paste_burst",
            "experimental_compact_prompt_file", "experimental_use_unified_exec_tool",
            "experimental_use_exec_command_tool", "experimental_use_freeform_apply_patch",
            "include_apply_patch_tool", "include_plan_tool", "include_view_image_tool", "tools_web_search",
            "oss_provider", "disable_response_storage", "preferred_auth_method", "windows_wsl_setup_acknowledged",
            "responses_originator_header_internal_override",
        ])
        .merging([
            "shell_environment_policy": shellEnvironmentPolicy,
            "sandbox_workspace_write": sandboxWorkspaceWrite,
            "mcp_servers": .map(mcpServer),
            "model_providers": .map(modelProvider),
            "profiles": .map(profile),
            "projects": .map(.table(leaves(["trust_level"]))),
            "history": .table(leaves(["persistence", "max_bytes"])),
            "features": .map(.value),
            "analytics": .table(leaves(["enabled"])),
            "feedback": .table(leaves(["enabled"])),
        ]) { $1 }
        .merging(
            opaques([
                "auto_review", "permissions", "sqlite", "debug", "tui", "audio", "realtime",
                "experimental_thread_store", "tools", "tool_suggest", "agents", "memories", "skills", "hooks",
                "plugins", "marketplaces", "ghost_snapshot", "apps", "desktop", "otel", "windows", "notice",
            ])
        ) { $1 })
}
