// Params and results of app/list, app/read and app/installed, and the app/list/updated notification
// (ChatGPT connectors, connectors.md §4).

extension AppServerV2 {
    /// Params of `app/list`.
    @PublicMemberwiseInit
    public struct AppsListParams: AppServerType {
        /// Opaque pagination cursor returned by a previous call (the decimal index of the page's first entry).
        public var cursor: String?
        public var limit: UInt32?
        /// Bypass the app caches and fetch the latest data.
        @OmitWhenNil public var forceRefetch: Bool?
        /// Evaluate the app feature and `[apps]` with that thread's configuration.
        public var threadId: String?
    }

    /// An app's branding, when the directory gives one.
    @PublicMemberwiseInit
    public struct AppBranding: AppServerType {
        public var category: String?
        public var developer: String?
        public var isDiscoverableApp: Bool
        public var privacyPolicy: String?
        public var termsOfService: String?
        public var website: String?
    }

    /// One app (connector) of `app/list`: the directory entry, whether the gateway reaches it and whether
    /// `[apps]` enables it.
    @PublicMemberwiseInit
    public struct AppInfo: AppServerType {
        public var id: String
        public var name: String
        public var description: String?
        public var logoUrl: String?
        public var logoUrlDark: String?
        public var iconAssets: [String: String]?
        public var iconDarkAssets: [String: String]?
        public var distributionChannel: String?
        public var branding: AppBranding?
        /// The directory's `appMetadata` (review, screenshots, categories) as given.
        public var appMetadata: JSONValue?
        public var labels: [String: String]?
        /// `https://chatgpt.com/apps/<slug>/<id>`.
        public var installUrl: String?
        @DefaultWhenAbsent public var isAccessible: Bool = false
        @DefaultWhenAbsent public var isEnabled: Bool = true
        @DefaultWhenAbsent public var pluginDisplayNames: [String] = []
    }

    /// Result of `app/list`.
    @PublicMemberwiseInit
    public struct AppsListResponse: AppServerType {
        public var data: [AppInfo]
        /// Where the next page starts; null after the last one.
        public var nextCursor: String?
    }

    /// `app/list/updated`: the whole app list after a background load changed it.
    @PublicMemberwiseInit
    public struct AppListUpdatedNotification: AppServerType {
        public var data: [AppInfo]
    }

    /// Params of `app/read`.
    @PublicMemberwiseInit
    public struct AppsReadParams: AppServerType {
        /// At most 100 ids; repeats are dropped, first-request order kept.
        public var appIds: [String]
        @OmitWhenNil public var includeTools: Bool?
        public var threadId: String?
    }

    /// A display-only summary of one tool of an app (`app/read` with `includeTools`).
    @PublicMemberwiseInit
    public struct AppToolSummary: AppServerType {
        public var name: String
        public var title: String?
        public var description: String
        @DefaultWhenAbsent public var isEnabled: Bool = true
        public var disabledReason: String?
        @DefaultWhenAbsent public var isReadOnly: Bool = false
    }

    /// One app of `app/read`.
    @PublicMemberwiseInit
    public struct ConnectorMetadata: AppServerType {
        public var id: String
        public var name: String
        public var description: String?
        public var iconUrl: String?
        public var iconUrlDark: String?
        public var distributionChannel: String?
        public var installUrl: String?
        @DefaultWhenAbsent public var pluginDisplayNames: [String] = []
        public var toolSummaries: [AppToolSummary]?
    }

    /// Result of `app/read`.
    @PublicMemberwiseInit
    public struct AppsReadResponse: AppServerType {
        public var apps: [ConnectorMetadata]
        public var missingAppIds: [String]
    }

    /// Params of `app/installed`.
    @PublicMemberwiseInit
    public struct AppsInstalledParams: AppServerType {
        /// Refresh the gateway's tool catalog first.
        @OmitWhenNil public var forceRefresh: Bool?
        public var threadId: String?
    }

    /// One connector of the gateway's tool catalog (`app/installed`).
    @PublicMemberwiseInit
    public struct InstalledApp: AppServerType {
        public var id: String
        /// The tools' `connector_name`.
        public var runtimeName: String?
        /// `[apps]` enables it.
        public var enabled: Bool
        /// Enabled with at least one tool the model gets.
        public var callable: Bool
    }

    /// Result of `app/installed`.
    @PublicMemberwiseInit
    public struct AppsInstalledResponse: AppServerType {
        public var apps: [InstalledApp]
    }
}

extension AppServerV2.AppListUpdatedNotification: ServerNotification {
    public static let method = "app/list/updated"
}
