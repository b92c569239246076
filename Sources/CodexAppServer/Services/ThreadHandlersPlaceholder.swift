// Stand-in until the as-threads branch's thread handlers are merged (that branch defines the real
// function, which AppServerRuntime.handlers() calls); drop this file at merge.

/// Registers the thread and turn methods: none in this branch.
func registerThreadHandlers(on handlers: inout AppServerHandlers, runtime: AppServerRuntime) {}
