// Stand-in until the as-services branch is merged (it defines the real function); drop at merge.

/// Registers the service methods (thread/list, config/*, model/list, ...): none in this branch.
func registerServiceHandlers(on handlers: inout AppServerHandlers, runtime: AppServerRuntime) {}
