import GrantPath
import LibPQStore
#if canImport(Glibc)
import Glibc
#endif

// pg-spike-libpq               option (B): each statement prepared once per connection, PQexecPrepared,
//                              plan_cache_mode = force_custom_plan
// pg-spike-libpq --generic     the same with the server's default plan_cache_mode (auto: generic plans after 5 runs)
// pg-spike-libpq --unprepared  the control: PQexecParams, an unnamed statement parsed at every call (as postgres-nio's query API)
let settings = ConnectionSettings.fromEnvironment()
let mode = CommandLine.arguments.dropFirst().first ?? ""
guard ["", "--generic", "--unprepared"].contains(mode) else {
    print("usage: pg-spike-libpq [--generic | --unprepared]")
    exit(2)
}
let prepared = mode != "--unprepared", customPlans = mode != "--generic"
let how = switch mode {
case "--generic": "PQexecPrepared, server's default plan_cache_mode (auto)"
case "--unprepared": "PQexecParams (unnamed statement, parsed each time)"
default: "PQexecPrepared, plan_cache_mode = force_custom_plan"
}
try Harness.run(client: "libpq \(LibPQVersion.string) (Debian libpq-dev), synchronous" + (mode.isEmpty ? "" : " \(mode)"),
                shape: "synchronous port served as it is: each port call is one blocking \(how) on the caller's thread") {
    SyncStore(raw: try LibPQPort(settings, prepared: prepared, customPlans: customPlans))
}
