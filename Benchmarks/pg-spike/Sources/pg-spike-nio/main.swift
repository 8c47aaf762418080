import GrantPath
import NIOStore
import PostgresNIO
#if canImport(Glibc)
import Glibc
#endif

// pg-spike-nio            the synchronous port, each query waited on (.wait()) — option (A) as asked
// pg-spike-nio --async    the port made async, awaited from the main actor
// pg-spike-nio --async-loop  the port made async, run on an actor pinned to the connection's event loop
let settings = ConnectionSettings.fromEnvironment()
let ids = Counter()
let mode = CommandLine.arguments.dropFirst().first ?? "--wait"
let group = MultiThreadedEventLoopGroup.singleton

switch mode {
case "--wait":
    try Harness.run(client: "postgres-nio 1.33.2, EventLoopFuture API",
                    shape: "synchronous port served by blocking the caller's thread on each query's EventLoopFuture (.wait()), off the event loop; MultiThreadedEventLoopGroup.singleton (2 threads)") {
        SyncStore(raw: try NIOWaitPort(settings, id: ids.next()))
    }
case "--async":
    let ports = PortLog()
    try await AsyncHarness.run(client: "postgres-nio 1.33.2, EventLoopFuture API awaited",
                               shape: "port made async (async core), awaited from the main actor: each query hops to the event loop and back") {
        let port = try await NIOAsyncPort(settings, id: ids.next(), on: group.any())
        ports.add(port)
        return AsyncStore(raw: port)
    }
    print("threads: \(ports.summary)")
case "--async-loop":
    let loop = group.next()
    let ports = PortLog()
    try await EventLoopPinned(loop).run {
        try await AsyncHarness.run(client: "postgres-nio 1.33.2, EventLoopFuture API awaited",
                                   shape: "port made async (async core), run on an actor whose executor is the connection's event loop (concurrent writers: tasks, not pinned)") {
            let port = try await NIOAsyncPort(settings, id: ids.next(), on: loop)
            ports.add(port)
            return AsyncStore(raw: port)
        }
    }
    print("threads: \(ports.summary)")
default:
    print("usage: pg-spike-nio [--wait | --async | --async-loop]")
    exit(2)
}

/// Which thread each connection's queries started on (checks that --async-loop really stays on the loop).
final class PortLog: @unchecked Sendable {
    private var ports: [NIOAsyncPort] = []
    private var mutex = pthread_mutex_t()
    init() { pthread_mutex_init(&mutex, nil) }
    func add(_ p: NIOAsyncPort) { pthread_mutex_lock(&mutex); ports.append(p); pthread_mutex_unlock(&mutex) }
    var summary: String {
        pthread_mutex_lock(&mutex); defer { pthread_mutex_unlock(&mutex) }
        return ports.map { "\($0.onLoop) queries started on the event loop, \($0.offLoop) off it" }.joined(separator: "; ")
    }
}
