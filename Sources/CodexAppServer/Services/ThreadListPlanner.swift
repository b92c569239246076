import CodexCore
import CodexProtocol

/// Turns `thread/list` params into one page of stored threads.
///
/// The common case (newest first, at most one cwd, no search term) is one `RolloutStore` query with
/// the store's own cursor. Ascending order, several cwds or a search term are answered from the
/// whole filtered listing instead, with an `@<thread id>` cursor naming the last thread returned.
struct ThreadListPlanner {
    static let defaultLimit = 25
    static let maximumLimit = 100
    /// Threads gathered at most for the in-memory path.
    static let wholeListingCap = 100_000

    let limit: Int
    let query: ThreadListQuery
    let cwds: Set<String>?
    let searchTerm: String?
    let ascending: Bool

    init(params: AppServerV2.ThreadListParams) {
        limit = min(max(Int(params.limit ?? UInt32(Self.defaultLimit)), 1), Self.maximumLimit)
        let sortKey: ThreadSortKey
        switch params.sortKey {
        case .updatedAt, .recencyAt: sortKey = .updatedAt
        default: sortKey = .createdAt
        }
        var cwdFilter: String?
        var cwdSet: Set<String>?
        switch params.cwd {
        case .single(let cwd): cwdFilter = cwd
        case .multiple(let list) where list.count == 1: cwdFilter = list.first
        case .multiple(let list): cwdSet = list.isEmpty ? nil : Set(list)
        case nil: break
        }
        cwds = cwdSet
        let providers = params.modelProviders.flatMap { $0.isEmpty ? nil : Set($0) }
        query = ThreadListQuery(
            pageSize: limit, cursor: params.cursor, sortKey: sortKey, archived: params.archived ?? false, cwd: cwdFilter,
            modelProviders: providers, sourceKinds: ThreadWireMapping.coreKinds(params.sourceKinds))
        searchTerm = params.searchTerm.flatMap { $0.isEmpty ? nil : $0 }
        ascending = params.sortDirection == .asc
    }

    /// The page the params ask for.
    func page(in store: RolloutStore) throws(JSONRPCErrorObject) -> (threads: [ThreadSummary], nextCursor: String?) {
        if !ascending, cwds == nil, searchTerm == nil {
            do {
                let page = try store.listThreads(query)
                return (page.threads, page.nextCursor)
            } catch .invalidCursor(let text) {
                throw .invalidRequest("invalid cursor: \(text)")
            } catch {
                throw .internalError("failed to list threads: \(error)")
            }
        }
        return try pageFromWholeListing(store)
    }

    private func pageFromWholeListing(_ store: RolloutStore) throws(JSONRPCErrorObject) -> (
        threads: [ThreadSummary], nextCursor: String?
    ) {
        var whole = query
        whole.cursor = nil
        whole.pageSize = Self.wholeListingCap
        var threads: [ThreadSummary]
        do {
            threads = try store.listThreads(whole).threads
        } catch {
            throw .internalError("failed to list threads: \(error)")
        }
        if let cwds { threads.removeAll { !cwds.contains($0.cwd) } }
        if let searchTerm { threads.removeAll { !$0.preview.contains(searchTerm) } }
        if ascending { threads.reverse() }
        var start = 0
        if let cursor = query.cursor {
            guard cursor.hasPrefix("@"), let index = threads.firstIndex(where: { "@" + $0.id.rawValue == cursor }) else {
                throw .invalidRequest("invalid cursor: \(cursor)")
            }
            start = index + 1
        }
        let end = min(start + limit, threads.count)
        let page = Array(threads[start..<end])
        let next = end < threads.count ? page.last.map { "@" + $0.id.rawValue } : nil
        return (page, next)
    }
}
